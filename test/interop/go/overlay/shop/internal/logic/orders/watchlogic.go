// The interop peer's logic for Orders.Watch (copied over goctl's stub by test/interop/peers.mjs).
package orderslogic

import (
	"context"

	"tsctl.test/interop/peers/internal/peer"
	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/pb/shop_v1"

	"github.com/zeromicro/go-zero/core/logx"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type WatchLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewWatchLogic(ctx context.Context, svcCtx *svc.ServiceContext) *WatchLogic {
	return &WatchLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// Watch sends `updates` events, the last one PAID; the order "broken" then fails with ABORTED.
func (l *WatchLogic) Watch(in *shop_v1.WatchRequest, stream shop_v1.Orders_WatchServer) error {
	if err := peer.Behave(l.ctx); err != nil {
		return err
	}
	for i := int32(1); i <= in.Updates; i++ {
		state := shop_v1.Status_STATUS_OPEN
		if i == in.Updates {
			state = shop_v1.Status_STATUS_PAID
		}
		if err := stream.Send(&shop_v1.OrderEvent{Id: in.Id, Sequence: i, Status: state}); err != nil {
			return err
		}
	}
	if in.Id == "broken" {
		return status.Errorf(codes.Aborted, "watch of %s broke after %d events", in.Id, in.Updates)
	}
	return nil
}
