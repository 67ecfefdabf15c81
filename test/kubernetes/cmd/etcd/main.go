// Command etcd is the etcd server (go.etcd.io/etcd/server/v3 at the release k8s.io/kubernetes
// requires) behind a main of ours: the storage of the test harness's real kube-apiserver.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
