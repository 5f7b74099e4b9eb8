// The interop peer's logic for Orders.Get (copied over goctl's stub by test/interop/peers.mjs); the
// tsctl server of test/interop/rpc.test.ts runs the same behaviour.
package orderslogic

import (
	"context"

	"tsctl.test/interop/peers/internal/peer"
	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/pb/common"
	"tsctl.test/interop/peers/pb/shop_v1"

	"github.com/zeromicro/go-zero/core/logx"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

type GetLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewGetLogic(ctx context.Context, svcCtx *svc.ServiceContext) *GetLogic {
	return &GetLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// Get returns one order: "missing" is NOT_FOUND; x-note comes back as the note; the label "served"
// names the instance that answered ($SHOP_INSTANCE, else the service's Name: peer.Served).
func (l *GetLogic) Get(in *shop_v1.GetOrderRequest) (*shop_v1.Order, error) {
	if err := peer.Behave(l.ctx); err != nil {
		return nil, err
	}
	if in.Id == "missing" {
		return nil, status.Errorf(codes.NotFound, "no order %s", in.Id)
	}
	note := peer.First(l.ctx, "x-note")
	return &shop_v1.Order{
		Id:         in.Id,
		Items:      []*shop_v1.Item{{Sku: "book", Quantity: 2, Price: &common.Money{Currency: "EUR", Cents: 1250}}},
		Status:     shop_v1.Status_STATUS_PAID,
		Labels:     map[string]string{"gift": "yes", "served": peer.Served(l.svcCtx.Config.Name)},
		CreatedAt:  &timestamppb.Timestamp{Seconds: 1700000000, Nanos: 5},
		Payment:    &shop_v1.Order_Card{Card: "4242"},
		Note:       &note,
		TotalCents: 2500,
	}, nil
}
