// Behaviour every method of the shop peer shares, driven by request metadata so that the same
// client test can ask it of the Go peer and of the tsctl server (whose test logic does the same):
//
//	x-sleep-ms: N      wait N ms before answering (a deadline or a cancel ends the wait with its status)
//	x-fail-percent: N  fail N% of the calls (100: every call) with UNAVAILABLE "injected failure"
package peer

import (
	"context"
	"math/rand/v2"
	"strconv"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// First returns the first value of an incoming metadata key, or "".
func First(ctx context.Context, key string) string {
	if values := metadata.ValueFromIncomingContext(ctx, key); len(values) > 0 {
		return values[0]
	}
	return ""
}

// Behave applies x-sleep-ms and x-fail-percent.
func Behave(ctx context.Context) error {
	if ms, err := strconv.Atoi(First(ctx, "x-sleep-ms")); err == nil && ms > 0 {
		timer := time.NewTimer(time.Duration(ms) * time.Millisecond)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
	if percent, err := strconv.Atoi(First(ctx, "x-fail-percent")); err == nil && rand.IntN(100) < percent {
		return status.Error(codes.Unavailable, "injected failure")
	}
	return nil
}
