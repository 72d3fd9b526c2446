package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Helpers over Pulumi property values. Inputs arrive with secrets kept (the provider tells the engine
// it accepts them) and, during previews, with unknowns; these helpers look through secret wrappers,
// say whether a value is unknown, and put secrecy back on what the provider returns.

// peel removes any secret or known-output wrappers around v, and says whether one of them was secret.
func peel(v resource.PropertyValue) (resource.PropertyValue, bool) {
	secret := false
	for {
		switch {
		case v.IsSecret():
			secret = true
			v = v.SecretValue().Element
		case v.IsOutput() && v.OutputValue().Known:
			if v.OutputValue().Secret {
				secret = true
			}
			v = v.OutputValue().Element
		default:
			return v, secret
		}
	}
}

// plain returns v with every secret wrapper removed, deeply; unknowns are left as they are.
func plain(v resource.PropertyValue) resource.PropertyValue {
	v, _ = peel(v)
	switch {
	case v.IsArray():
		arr := make([]resource.PropertyValue, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			arr = append(arr, plain(e))
		}
		return resource.NewArrayProperty(arr)
	case v.IsObject():
		return resource.NewObjectProperty(plainMap(v.ObjectValue()))
	}
	return v
}

// plainMap is plain for a whole map.
func plainMap(m resource.PropertyMap) resource.PropertyMap {
	out := make(resource.PropertyMap, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}

// unknown says whether v is, or contains, a value not known yet (a preview with outputs of other
// resources as inputs).
func unknown(v resource.PropertyValue) bool {
	return v.ContainsUnknowns()
}

// present says whether key has a non-null value in m (unknown counts as present).
func present(m resource.PropertyMap, key string) bool {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return false
	}
	v, _ = peel(v)
	return !v.IsNull()
}

// isInternalKey says whether a property key belongs to the provider's bookkeeping ("__defaults").
func isInternalKey(k resource.PropertyKey) bool {
	return strings.HasPrefix(string(k), "__")
}

// secretize wraps v as a secret unless it already is one (or is null).
func secretize(v resource.PropertyValue) resource.PropertyValue {
	if v.IsSecret() || v.IsNull() {
		return v
	}
	if v.IsComputed() {
		return v
	}
	return resource.MakeSecret(v)
}

// annotateSecrets carries secrecy from ins to outs: an output whose input of the same name held a
// secret becomes secret (objects are followed key by key), like the engine does for providers that
// do not accept secrets.
func annotateSecrets(outs, ins resource.PropertyMap) {
	if outs == nil || ins == nil {
		return
	}
	for k, in := range ins {
		out, ok := outs[k]
		if !ok {
			continue
		}
		inPeeled, inSecret := peel(in)
		outPeeled, _ := peel(out)
		if !inSecret && inPeeled.IsObject() && outPeeled.IsObject() && !out.IsSecret() {
			annotateSecrets(outPeeled.ObjectValue(), inPeeled.ObjectValue())
			continue
		}
		if in.ContainsSecrets() {
			outs[k] = secretize(out)
		}
	}
}

// asString reads a string value; ok is false when v is not a string.
func asString(v resource.PropertyValue) (string, bool) {
	v, _ = peel(v)
	if v.IsString() {
		return v.StringValue(), true
	}
	return "", false
}

// asInt reads a whole number, from a number or a decimal string (the bridge accepts both).
func asInt(v resource.PropertyValue) (int64, error) {
	v, _ = peel(v)
	switch {
	case v.IsNumber():
		n := v.NumberValue()
		if n != math.Trunc(n) || math.IsInf(n, 0) || math.IsNaN(n) {
			return 0, fmt.Errorf("expected a whole number, got %v", n)
		}
		return int64(n), nil
	case v.IsString():
		n, err := strconv.ParseInt(strings.TrimSpace(v.StringValue()), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("expected a whole number, got %q", v.StringValue())
		}
		return n, nil
	}
	return 0, fmt.Errorf("expected a number, got %s", typeName(v))
}

// asBool reads a boolean, from a bool or the strings "true"/"false".
func asBool(v resource.PropertyValue) (bool, error) {
	v, _ = peel(v)
	switch {
	case v.IsBool():
		return v.BoolValue(), nil
	case v.IsString():
		b, err := strconv.ParseBool(v.StringValue())
		if err != nil {
			return false, fmt.Errorf("expected a boolean, got %q", v.StringValue())
		}
		return b, nil
	}
	return false, fmt.Errorf("expected a boolean, got %s", typeName(v))
}

// typeName names the kind of a property value for error messages.
func typeName(v resource.PropertyValue) string {
	v, _ = peel(v)
	switch {
	case v.IsNull():
		return "null"
	case v.IsBool():
		return "boolean"
	case v.IsNumber():
		return "number"
	case v.IsString():
		return "string"
	case v.IsArray():
		return "array"
	case v.IsObject():
		return "object"
	case v.IsComputed(), v.IsOutput():
		return "unknown"
	}
	return v.TypeString()
}

// str, num, list build property values.
func str(s string) resource.PropertyValue { return resource.NewStringProperty(s) }

func num(n int64) resource.PropertyValue { return resource.NewNumberProperty(float64(n)) }

func strList(items []string) resource.PropertyValue {
	arr := make([]resource.PropertyValue, 0, len(items))
	for _, s := range items {
		arr = append(arr, str(s))
	}
	return resource.NewArrayProperty(arr)
}

// unknownValue is the value of an output that will be known only after the operation.
func unknownValue() resource.PropertyValue {
	return resource.MakeComputed(resource.NewStringProperty(""))
}
