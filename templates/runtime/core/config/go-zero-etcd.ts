/**
 * go-zero's `discov.EtcdConf` (`core/discov/config.go`, v1.10.x): where an RPC server registers and
 * where its clients discover it. Hosts and Key are required, as go-zero's `Validate` demands.
 * go-zero also asks for CertKeyFile and CACertFile together with CertFile (`optional=CertFile`); the
 * TLS setup checks that, not this schema.
 */
import { field } from './schema.ts';

/** etcd registration/discovery (go-zero `discov.EtcdConf`). */
export const etcdConf = field.object({
  /** etcd endpoints, host:port (go-zero Etcd.Hosts). */
  Hosts: field.list(field.string()),
  /** Key the service registers under, e.g. greet.rpc (go-zero Etcd.Key). */
  Key: field.string(),
  /** Fixed registration id; a lease id when unset (go-zero Etcd.ID). */
  ID: field.number({ optional: true, integer: true }),
  /** etcd user (go-zero Etcd.User). */
  User: field.string({ optional: true }),
  /** etcd password (go-zero Etcd.Pass). */
  Pass: field.string({ optional: true }),
  /** Client certificate file for TLS (go-zero Etcd.CertFile). */
  CertFile: field.string({ optional: true }),
  /** Client key file for TLS (go-zero Etcd.CertKeyFile). */
  CertKeyFile: field.string({ optional: true }),
  /** CA certificate file for TLS (go-zero Etcd.CACertFile). */
  CACertFile: field.string({ optional: true }),
  /** Skip verifying the server certificate (go-zero Etcd.InsecureSkipVerify). */
  InsecureSkipVerify: field.boolean({ optional: true }),
});
