// The interop peer's logic for updateBook (copied over goctl's stub by test/interop/peers.mjs).
package admin

import (
	"context"
	"fmt"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type UpdateBookLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

// Change a book's title, price or edition
func NewUpdateBookLogic(ctx context.Context, svcCtx *svc.ServiceContext) *UpdateBookLogic {
	return &UpdateBookLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

// UpdateBook answers the book with the jwt's sub claim as its author, as the tsctl demo does: go-zero
// leaves the registered claims out of the request context, so here it is <nil>.
func (l *UpdateBookLogic) UpdateBook(req *types.UpdateBookReq) (resp *types.Book, err error) {
	title := req.Title
	if title == "" {
		title = "?"
	}
	price := req.Price
	if price == (types.Money{}) {
		price = types.Money{Currency: "EUR"}
	}
	return &types.Book{
		Id:      req.Id,
		Title:   fmt.Sprintf("%s (edition %d)", title, req.Edition.Number),
		Authors: []types.Author{{Id: 1, Name: fmt.Sprint(l.ctx.Value("sub"))}},
		Price:   price,
		Isbn:    [13]byte{9, 7, 8},
	}, nil
}
