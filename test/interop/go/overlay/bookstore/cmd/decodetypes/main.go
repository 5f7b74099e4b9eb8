// decodetypes: do goctl's generated types accept a JSON body? It reads a JSON array of
// {"type": "Book", "body": …} from stdin and decodes each body into that type of internal/types twice:
//
//   - gozero: as a go-zero caller does (core/mapping.UnmarshalJsonBytes, what rest/httpc.Parse uses,
//     with the tag rules of httpx: required fields, optional, omitempty, default=, options=, range=);
//   - std: with encoding/json, as any other Go caller does;
//
// re-encodes each value as a go-zero server would answer it (core/jsonx.Marshal, as httpx.OkJson), and
// prints one JSON line: an array of {"type", "gozero": {"value"} | {"error"}, "std": …}.
// test/interop/rest.test.ts feeds it the responses of the tsctl-generated server.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"tsctl.test/interop/peers/internal/types"

	"github.com/zeromicro/go-zero/core/jsonx"
	"github.com/zeromicro/go-zero/core/mapping"
)

var registry = map[string]func() any{
	"Author":         func() any { return new(types.Author) },
	"Book":           func() any { return new(types.Book) },
	"ListBooksResp":  func() any { return new(types.ListBooksResp) },
	"Money":          func() any { return new(types.Money) },
	"PlaceOrderResp": func() any { return new(types.PlaceOrderResp) },
}

type input struct {
	Type string          `json:"type"`
	Body json.RawMessage `json:"body"`
}

type decoded struct {
	Value json.RawMessage `json:"value,omitempty"`
	Error string          `json:"error,omitempty"`
}

type output struct {
	Type   string  `json:"type"`
	GoZero decoded `json:"gozero"`
	Std    decoded `json:"std"`
}

func decode(body []byte, value any, unmarshal func([]byte, any) error) decoded {
	if err := unmarshal(body, value); err != nil {
		return decoded{Error: err.Error()}
	}
	encoded, err := jsonx.Marshal(value)
	if err != nil {
		return decoded{Error: "re-encoding: " + err.Error()}
	}
	return decoded{Value: encoded}
}

func main() {
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var inputs []input
	if err := json.Unmarshal(raw, &inputs); err != nil {
		fmt.Fprintln(os.Stderr, "decodetypes: stdin is not a JSON array of {type, body}:", err)
		os.Exit(2)
	}
	outputs := make([]output, 0, len(inputs))
	for _, in := range inputs {
		newValue, ok := registry[in.Type]
		if !ok {
			fmt.Fprintln(os.Stderr, "decodetypes: unknown type", in.Type)
			os.Exit(2)
		}
		outputs = append(outputs, output{
			Type:   in.Type,
			GoZero: decode(in.Body, newValue(), func(b []byte, v any) error { return mapping.UnmarshalJsonBytes(b, v) }),
			Std:    decode(in.Body, newValue(), json.Unmarshal),
		})
	}
	line, err := json.Marshal(outputs)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}
