// The interop peer's logic for ping (copied over goctl's stub by test/interop/peers.mjs): as the
// tsctl demo leaves ping a stub that answers 501, this answers UNIMPLEMENTED, which go-zero's
// httpx.ErrorCtx maps to 501.
package catalog

import (
	"context"

	"tsctl.test/interop/peers/internal/svc"

	"github.com/zeromicro/go-zero/core/logx"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type PingLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewPingLogic(ctx context.Context, svcCtx *svc.ServiceContext) *PingLogic {
	return &PingLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *PingLogic) Ping() error {
	return status.Error(codes.Unimplemented, "ping is not implemented yet")
}
