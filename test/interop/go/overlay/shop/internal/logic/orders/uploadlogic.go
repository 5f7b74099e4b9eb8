// The interop peer's logic for Orders.Upload (copied over goctl's stub by test/interop/peers.mjs).
package orderslogic

import (
	"context"
	"errors"
	"io"

	"tsctl.test/interop/peers/internal/peer"
	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/pb/shop_v1"

	"github.com/zeromicro/go-zero/core/logx"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type UploadLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewUploadLogic(ctx context.Context, svcCtx *svc.ServiceContext) *UploadLogic {
	return &UploadLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// Upload sums the quantities and prices of the items; a negative quantity is INVALID_ARGUMENT.
func (l *UploadLogic) Upload(stream shop_v1.Orders_UploadServer) error {
	if err := peer.Behave(l.ctx); err != nil {
		return err
	}
	var items int32
	var totalCents int64
	for {
		item, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if item.Quantity < 0 {
			return status.Errorf(codes.InvalidArgument, "negative quantity for %s", item.Sku)
		}
		items += item.Quantity
		totalCents += int64(item.Quantity) * item.GetPrice().GetCents()
	}
	return stream.SendAndClose(&shop_v1.UploadSummary{Items: items, TotalCents: totalCents})
}
