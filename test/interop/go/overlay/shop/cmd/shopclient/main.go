// shopclient: a go-zero caller of the shop service, through goctl's generated client packages and a
// zrpc client (go-zero's defaults). Two modes:
//
//	shopclient 127.0.0.1:PORT
//
// Direct endpoint: makes every kind of call the contract has and prints one JSON line: messages as
// protojson, errors as {code, message}. test/interop/rpc.test.ts runs it against the tsctl-generated
// server and against the goctl peer and compares.
//
//	shopclient -etcd HOST:PORT[,HOST:PORT…] -key KEY [-calls N] [-method Get|Ping] [-wait MS] [-timeout MS] [-interval MS] [-parallel P] [-sleep MS]
//
// Discovery: a zrpc client over etcd (RpcClientConf{Etcd: {Hosts, Key}, NonBlock: true, Timeout}),
// which resolves the servers registered under KEY/ (go-zero's discov subscriber, p2c balancer). It
// waits up to -wait ms (default 5000) for the connection to be READY, then makes -calls unary calls
// (default 20) of -method (default Get, id "o-1"), each with the zrpc timeout -timeout ms (default
// 2000). The first call, when it fails with UNAVAILABLE or DEADLINE_EXCEEDED, is retried every 100 ms
// (retries not counted) while the -wait deadline lasts; the others are made by -parallel workers
// (default 1: one after the other), each waiting -interval ms (default 0) before each of its calls;
// -sleep MS (default 0) asks the server to wait that long before answering (metadata x-sleep-ms, which
// the Go peer and rpc.test.ts's TS logic both honour). go-zero's p2c balancer sends sequential calls
// mostly to the faster instance, and to the other one only when it was not picked for a second: to
// see calls spread over instances, make them over more than a second (-interval) or several slow ones
// at once (-parallel with -sleep: the busier instance's in-flight count raises its load). Prints one
// JSON line:
//
//	{"calls":N,"ok":K,"failed":F,"errors":{"Unavailable":n},"servedBy":{"go-1":a,"ts-1":b},"discoveryMs":D}
//
// errors counts failed calls by gRPC code name (codes.Code.String(): "Unavailable", "DeadlineExceeded",
// …); servedBy counts successful Get calls by the answer's labels["served"] (the shop peer puts
// $SHOP_INSTANCE there, else its Name "shop.rpc"; Ping answers name no instance, so servedBy stays {});
// discoveryMs is the time from the client's creation to the first successful call (-1: none); lastError
// (only when F > 0) is the last failure's message. Exit status 0 once the line is printed, 2 on bad usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tsctl.test/interop/peers/client/admin"
	"tsctl.test/interop/peers/client/orders"
	"tsctl.test/interop/peers/pb/common"

	"github.com/zeromicro/go-zero/core/conf"
	"github.com/zeromicro/go-zero/core/discov"
	"github.com/zeromicro/go-zero/core/logx"
	"github.com/zeromicro/go-zero/zrpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/connectivity"
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

const usage = `usage: shopclient HOST:PORT
       shopclient -etcd HOST:PORT[,HOST:PORT…] -key KEY [-calls N] [-method Get|Ping] [-wait MS] [-timeout MS] [-interval MS] [-parallel P] [-sleep MS]`

func main() {
	logx.Disable()
	if len(os.Args) == 2 && !strings.HasPrefix(os.Args[1], "-") {
		callEverything(os.Args[1])
		return
	}
	discovery(os.Args[1:])
}

func printLine(value any) {
	line, err := json.Marshal(value)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

// summary is the discovery mode's JSON line.
type summary struct {
	Calls       int            `json:"calls"`
	Ok          int            `json:"ok"`
	Failed      int            `json:"failed"`
	Errors      map[string]int `json:"errors"`
	ServedBy    map[string]int `json:"servedBy"`
	DiscoveryMs int64          `json:"discoveryMs"`
	LastError   string         `json:"lastError,omitempty"`
}

// discovery makes -calls unary calls through a zrpc client that finds the servers in etcd.
func discovery(args []string) {
	flags := flag.NewFlagSet("shopclient", flag.ContinueOnError)
	flags.Usage = func() { fmt.Fprintln(os.Stderr, usage) }
	hosts := flags.String("etcd", "", "etcd endpoints, comma-separated")
	key := flags.String("key", "", "the etcd key the servers register under (Etcd.Key)")
	calls := flags.Int("calls", 20, "number of calls")
	method := flags.String("method", "Get", "Get (reports the serving instance) or Ping")
	wait := flags.Int("wait", 5000, "ms to wait for discovery before the first call succeeds")
	timeout := flags.Int64("timeout", 2000, "ms, the zrpc client's Timeout for each call")
	interval := flags.Int("interval", 0, "ms each worker waits before each of its calls (after the first call)")
	parallel := flags.Int("parallel", 1, "calls in flight at once (workers) after the first call")
	sleep := flags.Int("sleep", 0, "ms the server waits before answering each call (metadata x-sleep-ms)")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 || *hosts == "" || *key == "" || *calls < 1 || *parallel < 1 ||
		(*method != "Get" && *method != "Ping") {
		flags.Usage()
		os.Exit(2)
	}

	start := time.Now()
	deadline := start.Add(time.Duration(*wait) * time.Millisecond)
	var c zrpc.RpcClientConf
	if err := conf.FillDefault(&c); err != nil {
		panic(err)
	}
	c.Etcd = discov.EtcdConf{Hosts: strings.Split(*hosts, ","), Key: *key}
	c.NonBlock = true
	c.Timeout = *timeout
	cli := zrpc.MustNewClient(c)
	shop := orders.NewOrders(cli)
	adm := admin.NewAdmin(cli)

	// Discovery: wait (bounded) for a READY connection, so the first calls don't fail and feed the
	// client's breaker while the resolver has no address yet.
	conn := cli.Conn()
	conn.Connect()
	waiting, cancel := context.WithDeadline(context.Background(), deadline)
	for state := conn.GetState(); state != connectivity.Ready; state = conn.GetState() {
		if !conn.WaitForStateChange(waiting, state) {
			break
		}
	}
	cancel()

	ctx := context.Background()
	if *sleep > 0 {
		ctx = metadata.AppendToOutgoingContext(ctx, "x-sleep-ms", fmt.Sprint(*sleep))
	}
	call := func() (string, error) {
		if *method == "Ping" {
			_, err := adm.Ping(ctx, &admin.GetOrderRequest{Id: "7"})
			return "", err
		}
		order, err := shop.Get(ctx, &orders.GetOrderRequest{Id: "o-1"})
		return order.GetLabels()["served"], err
	}

	out := summary{Calls: *calls, Errors: map[string]int{}, ServedBy: map[string]int{}, DiscoveryMs: -1}
	var lock sync.Mutex
	record := func(served string, err error) {
		lock.Lock()
		defer lock.Unlock()
		if err != nil {
			out.Failed++
			out.Errors[status.Code(err).String()]++
			out.LastError = status.Convert(err).Message()
			return
		}
		if out.Ok == 0 {
			out.DiscoveryMs = time.Since(start).Milliseconds()
		}
		out.Ok++
		if served != "" {
			out.ServedBy[served]++
		}
	}

	// The first call, retried while discovery may still be under way.
	served, err := call()
	for err != nil && time.Now().Before(deadline) {
		if code := status.Code(err); code != codes.Unavailable && code != codes.DeadlineExceeded {
			break
		}
		time.Sleep(100 * time.Millisecond)
		served, err = call()
	}
	record(served, err)

	// The others, by -parallel workers, each waiting -interval ms before each of its calls.
	var next atomic.Int64
	next.Store(1)
	var workers sync.WaitGroup
	for range *parallel {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for next.Add(1)-1 < int64(*calls) {
				if *interval > 0 {
					time.Sleep(time.Duration(*interval) * time.Millisecond)
				}
				record(call())
			}
		}()
	}
	workers.Wait()
	printLine(out)
}

// callEverything makes every kind of call of the contract to one endpoint (rpc.test.ts).
func callEverything(endpoint string) {
	var c zrpc.RpcClientConf
	if err := conf.FillDefault(&c); err != nil {
		panic(err)
	}
	c.Endpoints = []string{endpoint}
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
	printLine(out)
}
