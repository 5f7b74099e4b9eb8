// The interop peer's logic for listBooks (copied over goctl's stub by test/interop/peers.mjs): what
// the tsctl demo's logic in test/e2e/api-demo.test.ts does.
package catalog

import (
	"context"

	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/logx"
)

type ListBooksLogic struct {
	logx.Logger
	ctx    context.Context
	svcCtx *svc.ServiceContext
}

func NewListBooksLogic(ctx context.Context, svcCtx *svc.ServiceContext) *ListBooksLogic {
	return &ListBooksLogic{
		Logger: logx.WithContext(ctx),
		ctx:    ctx,
		svcCtx: svcCtx,
	}
}

func (l *ListBooksLogic) ListBooks(req *types.ListBooksReq) (resp *types.ListBooksResp, err error) {
	books := []types.Book{}
	// Echo what was bound, so a test sees the query binding: q, genre and minPrice as a book.
	if req.Query != "" || len(req.Genres) > 0 || req.MinPrice > 0 {
		books = append(books, types.Book{
			Title:   req.Query,
			Authors: []types.Author{},
			Price:   types.Money{Amount: int64(req.MinPrice * 100), Currency: "EUR"},
			Tags:    map[string]string{"genres": joined(req.Genres)},
		})
	}
	return &types.ListBooksResp{Total: int64(req.Page*1000 + req.PageSize), Books: books}, nil
}

func joined(values []string) string {
	out := ""
	for i, v := range values {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}
