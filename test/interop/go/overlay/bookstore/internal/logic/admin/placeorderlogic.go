// The interop peer's logic for placeOrder (copied over goctl's stub by test/interop/peers.mjs).
package admin

import (
	"context"
	"fmt"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type PlaceOrderLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewPlaceOrderLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PlaceOrderLogic {
	return &PlaceOrderLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

// PlaceOrder answers "<bookId>-<quantity>-<X-Trace-Id>-<jwt uid claim>" (go-zero puts each claim
// but the registered ones — sub, iss, exp… — in the request context under its name).
func (l *PlaceOrderLogic) PlaceOrder(req *types.PlaceOrderReq) (resp *types.PlaceOrderResp, err error) {
	return &types.PlaceOrderResp{
		OrderId: fmt.Sprintf("%d-%d-%s-%v", req.BookId, req.Quantity, req.TraceId, l.ctx.Value("uid")),
		Total:   types.Money{Amount: int64(100 * req.Quantity), Currency: "EUR"},
	}, nil
}
