package peer

import "os"

// InstanceEnv names the environment variable that tells which instance of the shop service this process
// is, for tests that run several instances under one etcd key (test/interop/discovery-go.test.ts).
const InstanceEnv = "SHOP_INSTANCE"

// Served is what Orders.Get reports as its "served" label: $SHOP_INSTANCE when set and not empty, else
// the service's Name (shop.rpc), so a caller can count which instance answered each call.
func Served(name string) string {
	if instance := os.Getenv(InstanceEnv); instance != "" {
		return instance
	}
	return name
}
