package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/kubernetes/pkg/apis/core/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	sigsjson "sigs.k8s.io/json"
)

// evalRequest is one input line: a pod and the level/version pairs to judge it at.
type evalRequest struct {
	ID        string          `json:"id"`
	Profiles  []profile       `json:"profiles"`
	Pod       json.RawMessage `json:"pod"`
	NoDefault bool            `json:"noDefault,omitempty"`
}

type profile struct {
	Level   string `json:"level"`
	Version string `json:"version"`
}

type violation struct {
	Check  string `json:"check"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

type verdict struct {
	Level      string      `json:"level"`
	Version    string      `json:"version"`
	Allowed    bool        `json:"allowed"`
	Violations []violation `json:"violations"`
	// Message is upstream's aggregate ForbiddenDetail, the text inside PSA's denial message.
	Message string `json:"message"`
}

type evalResponse struct {
	ID       string    `json:"id"`
	Error    string    `json:"error,omitempty"`
	Verdicts []verdict `json:"verdicts,omitempty"`
}

// recordingEvaluator wraps every upstream check so that each call also records its check id.
// The registry itself stays upstream's: which checks run at a level and version, their order
// and their overrides are decided by policy.NewEvaluator, not by us.
type recordingEvaluator struct {
	evaluator policy.Evaluator
	ran       []policy.CheckID
}

func newRecordingEvaluator() (*recordingEvaluator, error) {
	r := &recordingEvaluator{}
	var checks []policy.Check
	for _, c := range policy.DefaultChecks() {
		wrapped := c
		wrapped.Versions = nil
		for _, vc := range c.Versions {
			id, inner := c.ID, vc.CheckPod
			vc.CheckPod = func(m *metav1.ObjectMeta, s *corev1.PodSpec) policy.CheckResult {
				r.ran = append(r.ran, id)
				return inner(m, s)
			}
			wrapped.Versions = append(wrapped.Versions, vc)
		}
		checks = append(checks, wrapped)
	}
	// nil emulation version: the newest policy version this release knows.
	e, err := policy.NewEvaluator(checks, nil)
	if err != nil {
		return nil, err
	}
	r.evaluator = e
	return r, nil
}

func (r *recordingEvaluator) evaluate(p profile, pod *corev1.Pod) (verdict, error) {
	level, err := api.ParseLevel(p.Level)
	if err != nil {
		return verdict{}, fmt.Errorf("level %q: %v", p.Level, err)
	}
	version, err := api.ParseVersion(p.Version)
	if err != nil {
		return verdict{}, fmt.Errorf("version %q: %v", p.Version, err)
	}
	r.ran = r.ran[:0]
	results := r.evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: version}, &pod.ObjectMeta, &pod.Spec)
	if len(results) != len(r.ran) {
		return verdict{}, fmt.Errorf("internal: %d results from %d recorded checks", len(results), len(r.ran))
	}
	v := verdict{Level: p.Level, Version: p.Version, Violations: []violation{}}
	for i, res := range results {
		if !res.Allowed {
			v.Violations = append(v.Violations, violation{Check: string(r.ran[i]), Reason: res.ForbiddenReason, Detail: res.ForbiddenDetail})
		}
	}
	agg := policy.AggregateCheckResults(results)
	v.Allowed = agg.Allowed
	v.Message = agg.ForbiddenDetail()
	return v, nil
}

func runEval(in io.Reader, out io.Writer) error {
	r, err := newRecordingEvaluator()
	if err != nil {
		return err
	}
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for scanner.Scan() {
		line++
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var req evalRequest
		if err := json.Unmarshal(scanner.Bytes(), &req); err != nil {
			return fmt.Errorf("stdin line %d: %v", line, err)
		}
		resp := evalResponse{ID: req.ID}
		pod := &corev1.Pod{}
		// The API server decodes case-sensitively and keeps integers exact; so do we.
		if err := sigsjson.UnmarshalCaseSensitivePreserveInts(req.Pod, pod); err != nil {
			resp.Error = err.Error()
		} else {
			if !req.NoDefault {
				// The API server defaults a pod while decoding it, before admission sees it
				// (e.g. hostNetwork pods get hostPort = containerPort): judge what it judges.
				v1.SetObjectDefaults_Pod(pod)
			}
			for _, p := range req.Profiles {
				v, err := r.evaluate(p, pod)
				if err != nil {
					return fmt.Errorf("stdin line %d: %v", line, err)
				}
				resp.Verdicts = append(resp.Verdicts, v)
			}
		}
		if err := enc.Encode(resp); err != nil {
			return err
		}
	}
	return scanner.Err()
}
