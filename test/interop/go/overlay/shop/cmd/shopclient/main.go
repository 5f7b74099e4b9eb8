// shopclient: a go-zero caller of the shop service, through goctl's generated client packages and a
// zrpc client (go-zero's defaults, direct endpoints). It makes every kind of call the contract has and
// prints one JSON line: messages as protojson, errors as {code, message}. test/interop/rpc.test.ts
// runs it against the tsctl-generated server and against the goctl peer and compares.
//
//	shopclient 127.0.0.1:PORT
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"tsctl.test/interop/peers/client/admin"
	"tsctl.test/interop/peers/client/orders"
	"tsctl.test/interop/peers/pb/common"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

type callError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func describe(err error) *callError {
	s := status.Convert(err)
	return &callError{Code: int(s.Code()), Message: s.Message()}
}

func message(m proto.Message) json.RawMessage {
	out, err := protojson.Marshal(m)
	if err != nil {
		panic(err)
	}
	return out
}

// result is a message or the error that replaced it.
func result(m proto.Message, err error) any {
	if err != nil {
		return map[string]any{"error": describe(err)}
	}
	return message(m)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: shopclient HOST:PORT")
		os.Exit(2)
	}
	logx.Disable()
	var c zrpc.RpcClientConf
	if err := conf.FillDefault(&c); err != nil {
		panic(err)
	}
	c.Endpoints = []string{os.Args[1]}
	c.NonBlock = false
	c.Timeout = 5000
	cli := zrpc.MustNewClient(c)
	shop := orders.NewOrders(cli)
	adm := admin.NewAdmin(cli)
	ctx := context.Background()
	out := map[string]any{}

	noted := metadata.AppendToOutgoingContext(ctx, "x-note", "ring twice")
	out["get"] = result(shop.Get(noted, &orders.GetOrderRequest{Id: "o-1"}))
	out["missing"] = result(shop.Get(ctx, &orders.GetOrderRequest{Id: "missing"}))

	short, cancel := context.WithTimeout(metadata.AppendToOutgoingContext(ctx, "x-sleep-ms", "2000"), 300*time.Millisecond)
	out["deadline"] = result(shop.Get(short, &orders.GetOrderRequest{Id: "slow"}))
	cancel()
	failing := metadata.AppendToOutgoingContext(ctx, "x-fail-percent", "100")
	out["injected"] = result(shop.Get(failing, &orders.GetOrderRequest{Id: "o-1"}))

	watch := func(request *orders.WatchRequest) any {
		stream, err := shop.Watch(ctx, request)
		if err != nil {
			return map[string]any{"error": describe(err)}
		}
		events := []json.RawMessage{}
		for {
			event, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return map[string]any{"events": events}
			}
			if err != nil {
				return map[string]any{"events": events, "error": describe(err)}
			}
			events = append(events, message(event))
		}
	}
	out["watch"] = watch(&orders.WatchRequest{Id: "o-1", Updates: 3})
	out["broken"] = watch(&orders.WatchRequest{Id: "broken", Updates: 2})

	upload := func(items ...*orders.Item) any {
		stream, err := shop.Upload(ctx)
		if err != nil {
			return map[string]any{"error": describe(err)}
		}
		for _, item := range items {
			if err := stream.Send(item); err != nil {
				break // the server answered early; CloseAndRecv has its status
			}
		}
		return result(stream.CloseAndRecv())
	}
	out["upload"] = upload(
		&orders.Item{Sku: "a", Quantity: 2, Price: &common.Money{Currency: "EUR", Cents: 100}},
		&orders.Item{Sku: "b", Quantity: 1, Price: &common.Money{Currency: "EUR", Cents: 250}},
	)
	out["rejected"] = upload(&orders.Item{Sku: "c", Quantity: -1})

	chat := func(texts ...[2]string) any {
		stream, err := shop.Chat(ctx)
		if err != nil {
			return map[string]any{"error": describe(err)}
		}
		for _, t := range texts {
			if err := stream.Send(&orders.ChatMessage{From: t[0], Text: t[1]}); err != nil {
				return map[string]any{"error": describe(err)}
			}
		}
		if err := stream.CloseSend(); err != nil {
			return map[string]any{"error": describe(err)}
		}
		replies := []json.RawMessage{}
		for {
			reply, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return replies
			}
			if err != nil {
				return map[string]any{"replies": replies, "error": describe(err)}
			}
			replies = append(replies, message(reply))
		}
	}
	out["chat"] = chat([2]string{"ann", "hi"}, [2]string{"bob", "bye"})
	out["ping"] = result(adm.Ping(ctx, &admin.GetOrderRequest{Id: "7"}))

	line, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}
