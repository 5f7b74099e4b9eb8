// The interop peer's logic for Admin.Ping (copied over goctl's stub by test/interop/peers.mjs).
package adminlogic

import (
	"context"

	"tsctl.test/interop/peers/internal/peer"
	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/pb/shop_v1"

	"github.com/zeromicro/go-zero/core/logx"
)

type PingLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewPingLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PingLogic {
	return &PingLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// Ping echoes the id back as "pong:<id>".
func (l *PingLogic) Ping(in *shop_v1.GetOrderRequest) (*shop_v1.GetOrderRequest, error) {
	if err := peer.Behave(l.ctx); err != nil {
		return nil, err
	}
	return &shop_v1.GetOrderRequest{Id: "pong:" + in.Id}, nil
}
