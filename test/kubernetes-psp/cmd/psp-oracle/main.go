// psp-oracle: upstream's PodSecurityPolicy admission (Kubernetes v1.24.17, the last release with it)
// as a differential oracle for podguard's `psp admit`. It links the admission plugin
// (plugin/pkg/admission/security/podsecuritypolicy), which builds providers from
// pkg/security/podsecuritypolicy, and authorizes `use` with the RBAC authorizer
// (plugin/pkg/auth/authorizer/rbac) over static listers holding the case's RBAC objects.
//
// Protocol: one JSON case per line on stdin, one JSON answer per line on stdout, in order.
//
//	case:   {"psps":[...], "roles":[...], "clusterRoles":[...], "roleBindings":[...], "clusterRoleBindings":[...],
//	         "user":{"name":"u","groups":["g"]}, "operation":"CREATE"|"UPDATE", "namespace":"ns",
//	         "pod":{...core/v1 Pod}, "oldPod":{...}}
//	answer: {"allowed":true, "pod":{...core/v1 Pod as admitted}} or {"allowed":false, "error":"pods \"x\" is forbidden: ..."}
//
// PSPs are read as policy/v1beta1 and defaulted as the API server stored them (allowPrivilegeEscalation
// defaults to true); pods are converted to the internal type without defaulting, so the caller sends
// pods as stored. As kube-apiserver does on create, the mutating Admit runs first, then Validate on its
// result; on update only Validate runs.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	corev1 "k8s.io/api/core/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apiserver/pkg/admission"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	rbaclisters "k8s.io/client-go/listers/rbac/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	api "k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	pspadmission "k8s.io/kubernetes/plugin/pkg/admission/security/podsecuritypolicy"
	"k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac"
)

type userCase struct {
	Name   string   `json:"name"`
	Groups []string `json:"groups"`
}

type oracleCase struct {
	PSPs                []policyv1beta1.PodSecurityPolicy `json:"psps"`
	Roles               []rbacv1.Role                     `json:"roles"`
	ClusterRoles        []rbacv1.ClusterRole              `json:"clusterRoles"`
	RoleBindings        []rbacv1.RoleBinding              `json:"roleBindings"`
	ClusterRoleBindings []rbacv1.ClusterRoleBinding       `json:"clusterRoleBindings"`
	User                userCase                          `json:"user"`
	Operation           string                            `json:"operation"`
	Namespace           string                            `json:"namespace"`
	Pod                 *corev1.Pod                       `json:"pod"`
	OldPod              *corev1.Pod                       `json:"oldPod"`
}

type answer struct {
	Allowed bool        `json:"allowed"`
	Pod     *corev1.Pod `json:"pod,omitempty"`
	Error   string      `json:"error,omitempty"`
}

// swappable lets one plugin instance serve every case: each case installs its own RBAC authorizer.
type swappable struct{ current authorizer.Authorizer }

func (s *swappable) Authorize(ctx context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	return s.current.Authorize(ctx, a)
}

type initializer struct {
	authz   authorizer.Authorizer
	factory informers.SharedInformerFactory
}

func (i initializer) Initialize(p admission.Interface) {
	p.(*pspadmission.Plugin).SetAuthorizer(i.authz)
	p.(*pspadmission.Plugin).SetExternalKubeInformerFactory(i.factory)
}

func newIndexer() cache.Indexer {
	return cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
}

func rbacAuthorizer(c *oracleCase) (authorizer.Authorizer, error) {
	roles, bindings, clusterRoles, clusterBindings := newIndexer(), newIndexer(), newIndexer(), newIndexer()
	for i := range c.Roles {
		if err := roles.Add(&c.Roles[i]); err != nil {
			return nil, err
		}
	}
	for i := range c.RoleBindings {
		if err := bindings.Add(&c.RoleBindings[i]); err != nil {
			return nil, err
		}
	}
	for i := range c.ClusterRoles {
		if err := clusterRoles.Add(&c.ClusterRoles[i]); err != nil {
			return nil, err
		}
	}
	for i := range c.ClusterRoleBindings {
		if err := clusterBindings.Add(&c.ClusterRoleBindings[i]); err != nil {
			return nil, err
		}
	}
	return rbac.New(
		&rbac.RoleGetter{Lister: rbaclisters.NewRoleLister(roles)},
		&rbac.RoleBindingLister{Lister: rbaclisters.NewRoleBindingLister(bindings)},
		&rbac.ClusterRoleGetter{Lister: rbaclisters.NewClusterRoleLister(clusterRoles)},
		&rbac.ClusterRoleBindingLister{Lister: rbaclisters.NewClusterRoleBindingLister(clusterBindings)},
	), nil
}

func toInternal(p *corev1.Pod) (*api.Pod, error) {
	if p == nil {
		return nil, nil
	}
	out := &api.Pod{}
	if err := legacyscheme.Scheme.Convert(p, out, nil); err != nil {
		return nil, err
	}
	return out, nil
}

type oracle struct {
	plugin *pspadmission.Plugin
	authz  *swappable
	psps   cache.Indexer
}

func (o *oracle) run(c *oracleCase) (answer, error) {
	items := make([]interface{}, 0, len(c.PSPs))
	for i := range c.PSPs {
		psp := c.PSPs[i].DeepCopy()
		legacyscheme.Scheme.Default(psp)
		items = append(items, psp)
	}
	if err := o.psps.Replace(items, ""); err != nil {
		return answer{}, err
	}
	authz, err := rbacAuthorizer(c)
	if err != nil {
		return answer{}, err
	}
	o.authz.current = authz
	pod, err := toInternal(c.Pod)
	if err != nil {
		return answer{}, err
	}
	oldPod, err := toInternal(c.OldPod)
	if err != nil {
		return answer{}, err
	}
	op := admission.Create
	if c.Operation == "UPDATE" {
		op = admission.Update
	}
	var oldObj = oldPod
	attrs := admission.NewAttributesRecord(pod, nil, api.Kind("Pod").WithVersion("version"), c.Namespace, pod.Name,
		api.Resource("pods").WithVersion("version"), "", op, nil, false, &user.DefaultInfo{Name: c.User.Name, Groups: c.User.Groups})
	if oldObj != nil {
		attrs = admission.NewAttributesRecord(pod, oldObj, api.Kind("Pod").WithVersion("version"), c.Namespace, pod.Name,
			api.Resource("pods").WithVersion("version"), "", op, nil, false, &user.DefaultInfo{Name: c.User.Name, Groups: c.User.Groups})
	}
	ctx := context.Background()
	if err := o.plugin.Admit(ctx, attrs, nil); err != nil {
		return answer{Allowed: false, Error: err.Error()}, nil
	}
	if err := o.plugin.Validate(ctx, attrs, nil); err != nil {
		return answer{Allowed: false, Error: err.Error()}, nil
	}
	out := &corev1.Pod{}
	if err := legacyscheme.Scheme.Convert(pod, out, nil); err != nil {
		return answer{}, err
	}
	return answer{Allowed: true, Pod: out}, nil
}

func main() {
	plugins := admission.NewPlugins()
	pspadmission.Register(plugins)
	factory := informers.NewSharedInformerFactory(fake.NewSimpleClientset(), 0)
	// The informer is never started: each case replaces its store's contents, which the plugin's lister reads.
	pspInformer := factory.Policy().V1beta1().PodSecurityPolicies().Informer()
	authz := &swappable{}
	p, err := plugins.InitPlugin(pspadmission.PluginName, nil, initializer{authz: authz, factory: factory})
	if err != nil {
		fmt.Fprintln(os.Stderr, "psp-oracle:", err)
		os.Exit(1)
	}
	o := &oracle{plugin: p.(*pspadmission.Plugin), authz: authz, psps: pspInformer.GetIndexer()}

	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 && string(line) != "\n" {
			var c oracleCase
			var a answer
			if jerr := json.Unmarshal(line, &c); jerr != nil {
				fmt.Fprintln(os.Stderr, "psp-oracle: bad case:", jerr)
				os.Exit(1)
			}
			a, rerr := o.run(&c)
			if rerr != nil {
				fmt.Fprintln(os.Stderr, "psp-oracle:", rerr)
				os.Exit(1)
			}
			if eerr := enc.Encode(a); eerr != nil {
				os.Exit(1)
			}
			out.Flush()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "psp-oracle:", err)
			os.Exit(1)
		}
	}
	out.Flush()
}
