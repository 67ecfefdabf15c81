// cel-oracle evaluates CEL expressions with the Kubernetes CEL environment of k8s.io/apiserver
// (pkg/cel/environment: the base libraries at a compatibility version, the per-call cost limit)
// so podguard's CEL environment can be compared with the real one.
//
// Input on stdin, one JSON request per line:
//
//	{"id":"1","expression":"self.size() > 1","version":"1.37","variables":{"self":<json>}}
//
// Output on stdout, one JSON response per line, in order:
//
//	{"id":"1","compileError":"..."} | {"id":"1","value":<json>,"type":"int","cost":3} | {"id":"1","evalError":"...","cost":7}
//
// Every variable is declared as dyn and bound to the JSON value as the API server binds an
// unstructured object (numbers without a fraction are ints).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"

	"k8s.io/apimachinery/pkg/util/version"
	"k8s.io/apiserver/pkg/cel/environment"
	"k8s.io/apiserver/pkg/cel/library"
)

type request struct {
	ID         string                     `json:"id"`
	Expression string                     `json:"expression"`
	Version    string                     `json:"version"`
	Variables  map[string]json.RawMessage `json:"variables"`
	CostLimit  *uint64                    `json:"costLimit,omitempty"`
}

type response struct {
	ID           string `json:"id"`
	CompileError string `json:"compileError,omitempty"`
	EvalError    string `json:"evalError,omitempty"`
	Value        any    `json:"value,omitempty"`
	HasValue     bool   `json:"hasValue"`
	Type         string `json:"type,omitempty"`
	Cost         uint64 `json:"cost"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	dec := json.NewDecoder(in)
	dec.UseNumber()
	enc := json.NewEncoder(out)
	for {
		var req request
		if err := dec.Decode(&req); err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "cel-oracle: bad request:", err)
			os.Exit(2)
		}
		if err := enc.Encode(evaluate(req)); err != nil {
			fmt.Fprintln(os.Stderr, "cel-oracle:", err)
			os.Exit(1)
		}
		out.Flush()
	}
	out.Flush()
}

func evaluate(req request) response {
	res := response{ID: req.ID}
	ver, err := version.ParseMajorMinor(strings.TrimPrefix(req.Version, "v"))
	if err != nil {
		res.CompileError = "bad version: " + err.Error()
		return res
	}
	envSet := environment.MustBaseEnvSet(ver)
	opts := []cel.EnvOption{}
	activation := map[string]any{}
	for name, raw := range req.Variables {
		opts = append(opts, cel.Variable(name, cel.DynType))
		var v any
		d := json.NewDecoder(strings.NewReader(string(raw)))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			res.CompileError = "bad variable " + name + ": " + err.Error()
			return res
		}
		activation[name] = fromJSON(v)
	}
	env, err := envSet.Extend(environment.VersionedOptions{IntroducedVersion: ver, EnvOptions: opts})
	if err != nil {
		res.CompileError = err.Error()
		return res
	}
	celEnv, err := env.Env(environment.NewExpressions)
	if err != nil {
		res.CompileError = err.Error()
		return res
	}
	ast, iss := celEnv.Compile(req.Expression)
	if iss.Err() != nil {
		res.CompileError = iss.Err().Error()
		return res
	}
	progOpts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize, cel.OptTrackCost), cel.CostTracking(&library.CostEstimator{})}
	if req.CostLimit != nil {
		progOpts = append(progOpts, cel.CostLimit(*req.CostLimit))
	} else {
		progOpts = append(progOpts, cel.CostLimit(1000000))
	}
	prg, err := celEnv.Program(ast, progOpts...)
	if err != nil {
		res.CompileError = err.Error()
		return res
	}
	val, details, err := prg.Eval(activation)
	if details != nil && details.ActualCost() != nil {
		res.Cost = *details.ActualCost()
	}
	if err != nil {
		res.EvalError = err.Error()
		return res
	}
	res.Type = val.Type().TypeName()
	if v, err := toJSON(val); err != nil {
		res.EvalError = "oracle cannot render value: " + err.Error()
	} else {
		res.Value = v
		res.HasValue = true
	}
	return res
}

// fromJSON turns decoded JSON into the Go values cel-go's default adapter knows: an integral
// number becomes int64 (as the API server's unstructured objects carry them), others float64.
func fromJSON(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	case []any:
		for i := range t {
			t[i] = fromJSON(t[i])
		}
		return t
	case map[string]any:
		for k := range t {
			t[k] = fromJSON(t[k])
		}
		return t
	}
	return v
}

// toJSON renders a CEL value as tagged JSON so ints, uints and doubles stay apart:
// {"int":"5"}, {"uint":"5"}, {"double":5.5}, {"bytes":"base64"}, {"list":[...]},
// {"map":[[k,v],...]}, {"optional":null|v}, {"type":"name"}, {"opaque":"TypeName","string":"..."}.
func toJSON(val ref.Val) (any, error) {
	switch v := val.(type) {
	case types.Null:
		return nil, nil
	case types.Bool:
		return bool(v), nil
	case types.Int:
		return map[string]any{"int": fmt.Sprint(int64(v))}, nil
	case types.Uint:
		return map[string]any{"uint": fmt.Sprint(uint64(v))}, nil
	case types.Double:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return map[string]any{"double": fmt.Sprint(f)}, nil
		}
		return map[string]any{"double": f}, nil
	case types.String:
		return string(v), nil
	case types.Bytes:
		return map[string]any{"bytes": []byte(v)}, nil
	case types.Duration:
		return map[string]any{"duration": v.ConvertToType(types.StringType).Value()}, nil
	case types.Timestamp:
		return map[string]any{"timestamp": v.ConvertToType(types.StringType).Value()}, nil
	case *types.Optional:
		if !v.HasValue() {
			return map[string]any{"optional": nil}, nil
		}
		inner, err := toJSON(v.GetValue())
		return map[string]any{"optional": []any{inner}}, err
	case ref.Type:
		return map[string]any{"type": v.TypeName()}, nil
	}
	if l, ok := val.(traits.Lister); ok {
		items := []any{}
		it := l.Iterator()
		for it.HasNext() == types.True {
			x, err := toJSON(it.Next())
			if err != nil {
				return nil, err
			}
			items = append(items, x)
		}
		return map[string]any{"list": items}, nil
	}
	if m, ok := val.(traits.Mapper); ok {
		entries := []any{}
		it := m.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			kj, err := toJSON(k)
			if err != nil {
				return nil, err
			}
			vj, err := toJSON(m.Get(k))
			if err != nil {
				return nil, err
			}
			entries = append(entries, []any{kj, vj})
		}
		return map[string]any{"map": entries}, nil
	}
	// Kubernetes' own types (Quantity, IP, CIDR, URL, Semver, Format, authorizer values):
	// compare them through their string form where they have one.
	s := val.ConvertToType(types.StringType)
	if types.IsError(s) {
		return map[string]any{"opaque": val.Type().TypeName()}, nil
	}
	return map[string]any{"opaque": val.Type().TypeName(), "string": s.Value()}, nil
}
