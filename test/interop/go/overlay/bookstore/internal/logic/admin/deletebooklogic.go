// The interop peer's logic for deleteBook (copied over goctl's stub by test/interop/peers.mjs).
package admin

import (
	"context"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type DeleteBookLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewDeleteBookLogic(ctx context.Context, svcCtx *svc.ServiceContext) *DeleteBookLogic {
	return &DeleteBookLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *DeleteBookLogic) DeleteBook(req *types.GetBookReq) error {
	return nil
}
