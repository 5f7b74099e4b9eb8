// The interop peer's logic for getBook (copied over goctl's stub by test/interop/peers.mjs).
package catalog

import (
	"context"
	"fmt"
	"time"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type GetBookLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

// Get one book
func NewGetBookLogic(ctx context.Context, svcCtx *svc.ServiceContext) *GetBookLogic {
	return &GetBookLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

// GetBook answers the book with the Accept-Language as its title; language "slow" outlasts the
// group's 3s timeout; id 404 is an error.
func (l *GetBookLogic) GetBook(req *types.GetBookReq) (resp *types.Book, err error) {
	if req.Language == "slow" {
		select {
		case <-time.After(3500 * time.Millisecond):
		case <-l.ctx.Done():
		}
		fmt.Printf("getBook aborted: %v\n", l.ctx.Err() != nil)
	}
	if req.Id == 404 {
		return nil, fmt.Errorf("no book %d", req.Id)
	}
	title := req.Language
	if title == "" {
		title = "none"
	}
	return &types.Book{Id: req.Id, Title: title, Authors: []types.Author{}, Price: types.Money{Amount: 1250, Currency: "EUR"}}, nil
}
