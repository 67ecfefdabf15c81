// Command kubectl is upstream kubectl (k8s.io/kubectl at the module's one Kubernetes release)
// behind a main of ours, so the tests never depend on whatever kubectl a machine happens to have.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	command := cmd.NewDefaultKubectlCommand()
	// RunNoErrOutput leaves printing the error to CheckErr, which prints it the way kubectl does
	// and picks kubectl's exit codes.
	if err := cli.RunNoErrOutput(command); err != nil {
		util.CheckErr(err)
	}
}
