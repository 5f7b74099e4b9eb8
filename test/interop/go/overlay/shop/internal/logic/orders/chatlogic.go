// The interop peer's logic for Orders.Chat (copied over goctl's stub by test/interop/peers.mjs).
package orderslogic

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"tsctl.test/interop/peers/internal/peer"
	"tsctl.test/interop/peers/internal/svc"
	"tsctl.test/interop/peers/pb/shop_v1"

	"github.com/zeromicro/go-zero/core/logx"
)

type ChatLogic struct {
	ctx    context.Context
	svcCtx *svc.ServiceContext
	logx.Logger
}

func NewChatLogic(ctx context.Context, svcCtx *svc.ServiceContext) *ChatLogic {
	return &ChatLogic{
		ctx:    ctx,
		svcCtx: svcCtx,
		Logger: logx.WithContext(ctx),
	}
}

// Chat answers every message with "<from> said <TEXT>".
func (l *ChatLogic) Chat(stream shop_v1.Orders_ChatServer) error {
	if err := peer.Behave(l.ctx); err != nil {
		return err
	}
	for {
		message, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		reply := &shop_v1.ChatMessage{From: "shop", Text: fmt.Sprintf("%s said %s", message.From, strings.ToUpper(message.Text))}
		if err := stream.Send(reply); err != nil {
			return err
		}
	}
}
