package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The provider's schema, built from tables: one table per resource (its handler's schema()) and one
// for the provider configuration. GetSchema serves it as Pulumi package schema JSON; Check uses the
// same tables for its type checks, so the declared and the enforced shape cannot drift apart.

const (
	packageName    = "digitalocean"
	packageVersion = "4.76.0"
	// pluginVersion is what GetPluginInfo reports. Semver build metadata ("+sandbox") is ignored when the
	// engine compares versions, so the engine loads this plugin as 4.76.0 (checked with the real CLI).
	pluginVersion = packageVersion + "+sandbox"
	typePrefix    = "#/types/"
)

// propType is the type of a property or of an array's items.
type propType struct {
	Type  string    // string, integer, number, boolean, array; empty with Ref
	Ref   string    // an object or enum type token, for objects
	Items *propType // for arrays
	// OneOf names an enum type that the input also accepts (DigitalOcean's regions and size slugs):
	// the official schema writes such inputs as oneOf[string, enum].
	OneOf string
}

// The plain property types.
var (
	sString  = propType{Type: "string"}
	sInt     = propType{Type: "integer"}
	sBool    = propType{Type: "boolean"}
	sStrList = propType{Type: "array", Items: &propType{Type: "string"}}
)

type property struct {
	Name string
	propType
	Description string
	Input       bool // an input property
	Output      bool // a state (output) property
	// RequiredInput: the user must set it. RequiredOutput: always in the state.
	RequiredInput, RequiredOutput bool
	Secret                        bool
	ReplaceOnChanges              bool
	// Computed: an optional input that DigitalOcean fills in when it is not set; leaving it unset
	// is then no change.
	Computed bool
	// Default and DefaultEnv: config defaults (provider configuration only).
	Default    any
	DefaultEnv []string
}

type objectType struct {
	Token       string
	Description string
	Properties  []property
	Required    []string
}

type enumValue struct{ Name, Value string }

type enumType struct {
	Token  string
	Values []enumValue
}

type resourceSchema struct {
	Token       string
	Description string
	Properties  []property
	Types       []objectType
	Enums       []enumType
}

func (s resourceSchema) property(name string) (property, bool) {
	for _, p := range s.Properties {
		if p.Name == name {
			return p, true
		}
	}
	return property{}, false
}

func (s resourceSchema) inputs() []property {
	var out []property
	for _, p := range s.Properties {
		if p.Input {
			out = append(out, p)
		}
	}
	return out
}

func (s resourceSchema) objectType(token string) (objectType, bool) {
	for _, t := range s.Types {
		if t.Token == token {
			return t, true
		}
	}
	return objectType{}, false
}

// The provider configuration, as the official schema declares it.
var configProperties = []property{
	{Name: "apiEndpoint", propType: propType{Type: "string"}, Description: "The URL to use for the DigitalOcean API.",
		Default: "https://api.digitalocean.com", DefaultEnv: []string{"DIGITALOCEAN_API_URL"}},
	{Name: "httpRetryMax", propType: propType{Type: "integer"}, Description: "The maximum number of retries on a failed API request."},
	{Name: "httpRetryWaitMax", propType: propType{Type: "number"}, Description: "The maximum wait time (in seconds) between failed API requests."},
	{Name: "httpRetryWaitMin", propType: propType{Type: "number"}, Description: "The minimum wait time (in seconds) between failed API requests."},
	{Name: "requestsPerSecond", propType: propType{Type: "number"}, Description: "The rate of requests per second to limit the HTTP client."},
	{Name: "spacesAccessId", propType: propType{Type: "string"}, Description: "The access key ID for Spaces API operations."},
	{Name: "spacesEndpoint", propType: propType{Type: "string"}, Description: "The URL to use for the DigitalOcean Spaces API.",
		DefaultEnv: []string{"SPACES_ENDPOINT_URL"}},
	{Name: "spacesSecretKey", propType: propType{Type: "string"}, Description: "The secret access key for Spaces API operations."},
	{Name: "token", propType: propType{Type: "string"}, Description: "The token key for API operations."},
}

const packageDescription = "SANDBOX build of the DigitalOcean provider for dbplane: it speaks the API of " +
	"pulumi-digitalocean v4.76.0 (database resources only) to the DigitalOcean API or an emulator of it. " +
	"It is not the official provider."

// spec renders a property for the schema (input: as an input property).
func (p property) spec(input bool) map[string]any {
	m := typeSpec(p.propType, input)
	if p.Description != "" {
		m["description"] = p.Description
	}
	if p.Secret && !input {
		m["secret"] = true
	}
	if p.ReplaceOnChanges && input {
		m["willReplaceOnChanges"] = true
	}
	if p.Default != nil && input {
		m["default"] = p.Default
	}
	if len(p.DefaultEnv) > 0 && input {
		m["defaultInfo"] = map[string]any{"environment": p.DefaultEnv}
	}
	return m
}

func typeSpec(t propType, input bool) map[string]any {
	m := map[string]any{}
	switch {
	case t.Ref != "":
		m["$ref"] = typePrefix + t.Ref
	case t.Type == "array":
		m["type"] = "array"
		m["items"] = typeSpec(*t.Items, input)
	default:
		m["type"] = t.Type
	}
	if t.OneOf != "" && input {
		m["oneOf"] = []any{
			map[string]any{"type": "string"},
			map[string]any{"type": "string", "$ref": typePrefix + t.OneOf},
		}
	}
	return m
}

// packageSchema builds the whole package schema from the registry's handlers.
func packageSchema(reg registry) map[string]any {
	vars := map[string]any{}
	providerIns := map[string]any{}
	providerOuts := map[string]any{}
	var defaults []string
	for _, p := range configProperties {
		vars[p.Name] = p.spec(true)
		providerIns[p.Name] = p.spec(true)
		providerOuts[p.Name] = p.spec(false)
		if p.Default != nil {
			defaults = append(defaults, p.Name)
		}
	}
	resources := map[string]any{}
	types := map[string]any{}
	for _, tok := range reg.tokens() {
		s := reg[tok].schema()
		ins, outs, state := map[string]any{}, map[string]any{}, map[string]any{}
		var requiredIns, required []string
		for _, p := range s.Properties {
			if p.Input {
				ins[p.Name] = p.spec(true)
				if p.RequiredInput {
					requiredIns = append(requiredIns, p.Name)
				}
			}
			if p.Output {
				outs[p.Name] = p.spec(false)
				state[p.Name] = p.spec(true)
				if p.RequiredOutput {
					required = append(required, p.Name)
				}
			}
		}
		sort.Strings(requiredIns)
		sort.Strings(required)
		resources[tok] = map[string]any{
			"description":     s.Description,
			"inputProperties": ins,
			"properties":      outs,
			"requiredInputs":  requiredIns,
			"required":        required,
			"stateInputs": map[string]any{
				"description": "Input properties used for looking up and filtering " + tok[strings.LastIndex(tok, ":")+1:] + " resources.",
				"properties":  state,
				"type":        "object",
			},
		}
		for _, t := range s.Types {
			props := map[string]any{}
			for _, p := range t.Properties {
				props[p.Name] = p.spec(true)
			}
			types[t.Token] = map[string]any{
				"description": t.Description,
				"properties":  props,
				"type":        "object",
				"required":    t.Required,
			}
		}
		for _, e := range s.Enums {
			var values []any
			for _, v := range e.Values {
				values = append(values, map[string]any{"name": v.Name, "value": v.Value})
			}
			types[e.Token] = map[string]any{"type": "string", "enum": values}
		}
	}
	return map[string]any{
		"name":        packageName,
		"displayName": "DigitalOcean (sandbox)",
		"version":     packageVersion,
		"description": packageDescription,
		"keywords":    []string{"pulumi", "digitalocean", "sandbox"},
		"meta":        map[string]any{"moduleFormat": "(.*)(?:/[^/]*)"},
		"config":      map[string]any{"variables": vars, "defaults": defaults},
		"provider": map[string]any{
			"description":     "The provider type for the digitalocean package (sandbox build).",
			"inputProperties": providerIns,
			"properties":      providerOuts,
		},
		"resources": resources,
		"types":     types,
	}
}

func packageSchemaJSON(reg registry) (string, error) {
	b, err := json.MarshalIndent(packageSchema(reg), "", "  ")
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// checkTypes holds inputs to the property table: unknown keys, wrong types, missing fields of
// objects. Values not known yet are not checked. It does not check required top-level inputs:
// handlers do, with their own words.
func checkTypes(s resourceSchema, news resource.PropertyMap) []*pulumirpc.CheckFailure {
	var failures []*pulumirpc.CheckFailure
	for _, k := range news.StableKeys() {
		if isInternalKey(k) {
			continue
		}
		p, ok := s.property(string(k))
		if !ok || !p.Input {
			failures = append(failures, &pulumirpc.CheckFailure{Property: string(k),
				Reason: fmt.Sprintf("unknown property %q: %s has no such input", k, s.Token)})
			continue
		}
		failures = append(failures, checkValue(s, string(k), news[k], p.propType)...)
	}
	return failures
}

func checkValue(s resourceSchema, path string, v resource.PropertyValue, t propType) []*pulumirpc.CheckFailure {
	v, _ = peel(v)
	if v.IsNull() || unknown(v) {
		return nil
	}
	fail := func(format string, args ...any) []*pulumirpc.CheckFailure {
		return []*pulumirpc.CheckFailure{{Property: path, Reason: fmt.Sprintf(format, args...)}}
	}
	if t.Ref != "" {
		ot, ok := s.objectType(t.Ref)
		if !ok {
			// an enum: a string
			if !v.IsString() {
				return fail("expected a string, got %s", typeName(v))
			}
			return nil
		}
		if !v.IsObject() {
			return fail("expected an object (%s), got %s", t.Ref[strings.LastIndex(t.Ref, ":")+1:], typeName(v))
		}
		obj := v.ObjectValue()
		var out []*pulumirpc.CheckFailure
		for _, req := range ot.Required {
			if !present(obj, req) {
				out = append(out, &pulumirpc.CheckFailure{Property: path + "." + req,
					Reason: fmt.Sprintf("The argument %q is required, but no definition was found.", req)})
			}
		}
		for _, k := range obj.StableKeys() {
			var fp *property
			for i := range ot.Properties {
				if ot.Properties[i].Name == string(k) {
					fp = &ot.Properties[i]
				}
			}
			if fp == nil {
				out = append(out, &pulumirpc.CheckFailure{Property: path + "." + string(k),
					Reason: fmt.Sprintf("unknown property %q", k)})
				continue
			}
			out = append(out, checkValue(s, path+"."+string(k), obj[k], fp.propType)...)
		}
		return out
	}
	switch t.Type {
	case "string":
		if v.IsString() {
			return nil
		}
		if t.Type == "string" && v.IsNumber() {
			return nil // the bridge turns numbers into strings for string fields
		}
		return fail("expected a string, got %s", typeName(v))
	case "integer":
		if _, err := asInt(v); err != nil {
			return fail("%v", err)
		}
	case "number":
		if !v.IsNumber() {
			return fail("expected a number, got %s", typeName(v))
		}
	case "boolean":
		if _, err := asBool(v); err != nil {
			return fail("%v", err)
		}
	case "array":
		if !v.IsArray() {
			return fail("expected an array, got %s", typeName(v))
		}
		var out []*pulumirpc.CheckFailure
		for i, e := range v.ArrayValue() {
			out = append(out, checkValue(s, fmt.Sprintf("%s[%d]", path, i), e, *t.Items)...)
		}
		return out
	}
	return nil
}
