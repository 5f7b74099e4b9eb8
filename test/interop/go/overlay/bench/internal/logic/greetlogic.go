// The benchmark peer's logic for greet (copied over goctl's stub by test/interop/peers.mjs): the same
// answer as the TypeScript logic of bench/http.mjs, so both servers do the same work per request.
package logic

import (
	"context"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type GreetLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewGreetLogic(ctx context.Context, svcCtx *svc.ServiceContext) *GreetLogic {
	return &GreetLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *GreetLogic) Greet(req *types.GreetReq) (resp *types.GreetResp, err error) {
	return &types.GreetResp{Message: "hello " + req.Name, Times: req.Times}, nil
}
