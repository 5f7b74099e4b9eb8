// The interop peer's RateLimit middleware (copied over goctl's stub by test/interop/peers.mjs): it
// appends itself to the x-chain response header, as the tsctl demo's does.
package middleware

import "net/http"

type RateLimitMiddleware struct {
}

func NewRateLimitMiddleware() *RateLimitMiddleware {
	return &RateLimitMiddleware{}
}

func (m *RateLimitMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-chain", w.Header().Get("x-chain")+",RateLimit")
		next(w, r)
	}
}
