//go:build tools

// Package tools pins the Go programs tsctl's interop tests build (test/interop/harness.mjs): goctl
// itself, and the protoc plugins goctl's `rpc protoc` drives. goctl 1.10.2 is the newest goctl the Go
// module proxy serves (its 1.10.3 tag is not there); the peers it generates run go-zero 1.10.3
// (../peers/go.mod).
package tools

import (
	_ "github.com/zeromicro/go-zero/tools/goctl"
	_ "google.golang.org/grpc/cmd/protoc-gen-go-grpc"
	_ "google.golang.org/protobuf/cmd/protoc-gen-go"
)
