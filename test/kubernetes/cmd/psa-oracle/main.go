// Command psa-oracle answers, with upstream's own code, the two questions podguard must answer
// exactly as Kubernetes does:
//
//	psa-oracle eval   pods (JSON lines) → Pod Security Admission's verdict per level and version,
//	                  from k8s.io/pod-security-admission/policy with its DefaultChecks
//	psa-oracle yaml   a YAML stream → the JSON object of each document, as kubectl and the API
//	                  server read it (k8s.io/apimachinery's document reader + sigs.k8s.io/yaml)
//	psa-oracle yaml-batch  the same for many streams, one JSON line {"id","yaml"} each
//
// Both read stdin and write one JSON line per input item on stdout, so the TypeScript
// differential tests can feed thousands of items through one process.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: psa-oracle eval|yaml|yaml-batch < input")
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	var err error
	switch os.Args[1] {
	case "eval":
		err = runEval(os.Stdin, out)
	case "yaml":
		err = runYAML(os.Stdin, out)
	case "yaml-batch":
		err = runYAMLBatch(os.Stdin, out)
	default:
		err = fmt.Errorf("unknown mode %q (want eval, yaml or yaml-batch)", os.Args[1])
	}
	if flushErr := out.Flush(); err == nil {
		err = flushErr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "psa-oracle:", err)
		os.Exit(1)
	}
}
