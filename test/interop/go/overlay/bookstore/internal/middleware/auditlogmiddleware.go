// The interop peer's AuditLog middleware (copied over goctl's stub by test/interop/peers.mjs): it
// starts the x-chain response header, as the tsctl demo's does.
package middleware

import "net/http"

type AuditLogMiddleware struct {
}

func NewAuditLogMiddleware() *AuditLogMiddleware {
	return &AuditLogMiddleware{}
}

func (m *AuditLogMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-chain", "AuditLog")
		next(w, r)
	}
}
