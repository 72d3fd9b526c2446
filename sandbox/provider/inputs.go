package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// What every handler does with inputs the same way, driven by its schema table: the official
// validations of Check, autonaming, the comparison of Diff, the planned state of a preview and the
// inputs after a refresh.

// ---- Check

func failure(prop, format string, args ...any) *pulumirpc.CheckFailure {
	return &pulumirpc.CheckFailure{Property: prop, Reason: fmt.Sprintf(format, args...)}
}

// known says whether key has a value that is known now (not unknown during a preview).
func known(m resource.PropertyMap, key string) bool {
	return present(m, key) && !unknown(m[resource.PropertyKey(key)])
}

// missingInputs refuses required inputs that are not set, in the words of the official provider.
func missingInputs(news resource.PropertyMap, keys ...string) []*pulumirpc.CheckFailure {
	var out []*pulumirpc.CheckFailure
	for _, k := range keys {
		if !present(news, k) {
			out = append(out, failure(k, "Missing required argument. The argument %q is required, but no definition was found.", k))
		}
	}
	return out
}

// emptyStrings refuses empty strings where the official provider validates NoZeroValues.
func emptyStrings(news resource.PropertyMap, keys ...string) []*pulumirpc.CheckFailure {
	var out []*pulumirpc.CheckFailure
	for _, k := range keys {
		if present(news, k) {
			out = append(out, emptyString(k, news[resource.PropertyKey(k)])...)
		}
	}
	return out
}

// emptyString refuses an empty string value; path names it.
func emptyString(path string, v resource.PropertyValue) []*pulumirpc.CheckFailure {
	if s, ok := asString(v); ok && !unknown(v) && strings.TrimSpace(s) == "" {
		return []*pulumirpc.CheckFailure{failure(path, "%s must not be empty, got %q", path[strings.LastIndex(path, ".")+1:], s)}
	}
	return nil
}

// notOneOf refuses a string outside the allowed values (the official StringInSlice); path names it.
func notOneOf(path string, v resource.PropertyValue, allowed ...string) []*pulumirpc.CheckFailure {
	s, ok := asString(v)
	if !ok || unknown(v) {
		return nil
	}
	for _, a := range allowed {
		if s == a {
			return nil
		}
	}
	return []*pulumirpc.CheckFailure{failure(path, "expected %s to be one of %q, got %s", path[strings.LastIndex(path, ".")+1:], allowed, s)}
}

var tagNameRe = regexp.MustCompile(`^[a-zA-Z0-9:\-_]{1,255}$`)

// tagFailures refuses tag names that DigitalOcean does not take (the official ValidateTag).
func tagFailures(news resource.PropertyMap) []*pulumirpc.CheckFailure {
	if !known(news, "tags") {
		return nil
	}
	var out []*pulumirpc.CheckFailure
	if v, _ := peel(news["tags"]); v.IsArray() {
		for i, e := range v.ArrayValue() {
			if s, ok := asString(e); ok && !tagNameRe.MatchString(s) {
				out = append(out, failure(fmt.Sprintf("tags[%d]", i),
					"tags may contain lowercase letters, numbers, colons, dashes, and underscores; there is a limit of 255 characters per tag (got %q)", s))
			}
		}
	}
	return out
}

// storageFailures refuses a storageSizeMib that is not a decimal number of MiB.
func storageFailures(news resource.PropertyMap) []*pulumirpc.CheckFailure {
	if !known(news, "storageSizeMib") {
		return nil
	}
	if _, err := parseStorage(news["storageSizeMib"]); err != nil {
		return []*pulumirpc.CheckFailure{failure("storageSizeMib", "%v", err)}
	}
	return nil
}

// autonaming as the official provider configures it: <logical name>-<7 random hex>, at most 255.
const (
	autonameRandLen = 7
	autonameMaxLen  = 255
)

// defaultName fills in an omitted name as the official provider's autonaming does
// (SetAutonaming(255, "-")), and records in __defaults which inputs came from defaults, as the
// bridge does: a name the program chose makes a replacement delete first.
func defaultName(req checkRequest, news resource.PropertyMap) []*pulumirpc.CheckFailure {
	var defaulted []resource.PropertyValue
	var failures []*pulumirpc.CheckFailure
	if !present(news, "name") {
		name, f := autoname(req)
		if f != nil {
			failures = append(failures, f)
		} else {
			news["name"] = str(name)
			defaulted = append(defaulted, str("name"))
		}
	}
	news["__defaults"] = resource.NewArrayProperty(defaulted)
	return failures
}

// autoname picks the name of a resource whose program gave none.
func autoname(req checkRequest) (string, *pulumirpc.CheckFailure) {
	// Without autonaming options from the engine (the usual case) the provider names the resource.
	mode := pulumirpc.CheckRequest_AutonamingOptions_PROPOSE
	if req.Autonaming != nil {
		mode = req.Autonaming.GetMode()
	}
	if mode == pulumirpc.CheckRequest_AutonamingOptions_DISABLE {
		return "", failure("name", "Missing required argument. The argument \"name\" is required: autonaming is disabled for this stack.")
	}
	if mode == pulumirpc.CheckRequest_AutonamingOptions_ENFORCE && req.Autonaming.GetProposedName() != "" {
		return req.Autonaming.GetProposedName(), nil
	}
	// Keep an earlier autoname: a resource must not be renamed (replaced) on every update.
	if old := getString(req.Olds, "name"); old != "" && wasDefaulted(req.Olds, "name") {
		return old, nil
	}
	if req.Autonaming != nil && req.Autonaming.GetProposedName() != "" {
		return req.Autonaming.GetProposedName(), nil
	}
	name, err := resource.NewUniqueName(req.RandomSeed, req.Name+"-", autonameRandLen, autonameMaxLen, nil)
	if err != nil {
		return "", failure("name", "cannot generate a name: %v", err)
	}
	return name, nil
}

// wasDefaulted says whether key was filled in by the provider (listed in __defaults); without a
// __defaults list every old value counts as one, as in the bridge.
func wasDefaulted(m resource.PropertyMap, key string) bool {
	d, ok := m["__defaults"]
	if !ok || !d.IsArray() {
		return true
	}
	for _, e := range d.ArrayValue() {
		if e.IsString() && e.StringValue() == key {
			return true
		}
	}
	return false
}

// ---- Diff

type change struct {
	Key     string
	Kind    pulumirpc.PropertyDiff_Kind
	Replace bool
}

// sameFunc says whether an old and a new value of an input are equal the way the official provider
// compares them (its StateFuncs and DiffSuppressFuncs included).
type sameFunc func(key string, ov, nv resource.PropertyValue) bool

// inputChanges compares new inputs with the old state (what DigitalOcean last reported), input by
// input of the schema table.
func inputChanges(s resourceSchema, olds, news resource.PropertyMap, ignore []string, same sameFunc) []change {
	ignored := map[string]bool{}
	for _, k := range ignore {
		ignored[k] = true
	}
	var out []change
	for _, p := range s.inputs() {
		if ignored[p.Name] {
			continue
		}
		key := resource.PropertyKey(p.Name)
		nv, ov := news[key], olds[key]
		nHas, oHas := present(news, p.Name), present(olds, p.Name)
		var kind pulumirpc.PropertyDiff_Kind
		switch {
		case !nHas:
			// Optional+computed inputs keep DigitalOcean's value when unset; same may hold an
			// unset input equal to a default.
			if p.Computed || !oHas || isEmpty(ov) || same(p.Name, ov, nv) {
				continue
			}
			kind = pulumirpc.PropertyDiff_DELETE
		case unknown(nv):
			kind = pulumirpc.PropertyDiff_UPDATE
		case !oHas:
			if isEmpty(nv) {
				continue
			}
			kind = pulumirpc.PropertyDiff_ADD
		default:
			if same(p.Name, ov, nv) {
				continue
			}
			kind = pulumirpc.PropertyDiff_UPDATE
		}
		c := change{Key: p.Name, Kind: kind, Replace: p.ReplaceOnChanges}
		if c.Replace {
			switch kind {
			case pulumirpc.PropertyDiff_ADD:
				c.Kind = pulumirpc.PropertyDiff_ADD_REPLACE
			case pulumirpc.PropertyDiff_DELETE:
				c.Kind = pulumirpc.PropertyDiff_DELETE_REPLACE
			default:
				c.Kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			}
		}
		out = append(out, c)
	}
	return out
}

// sameDeep is the plain comparison, for inputs the official provider compares as they are.
func sameDeep(_ string, ov, nv resource.PropertyValue) bool {
	return plain(ov).DeepEquals(plain(nv))
}

func isEmpty(v resource.PropertyValue) bool {
	v, _ = peel(v)
	switch {
	case v.IsNull():
		return true
	case v.IsString():
		return v.StringValue() == ""
	case v.IsArray():
		return len(v.ArrayValue()) == 0
	}
	return false
}

// diffResponse renders the changes for the engine.
func diffResponse(s resourceSchema, changes []change, news resource.PropertyMap) *pulumirpc.DiffResponse {
	resp := &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE, HasDetailedDiff: true,
		DetailedDiff: map[string]*pulumirpc.PropertyDiff{}}
	for _, c := range changes {
		resp.Diffs = append(resp.Diffs, c.Key)
		resp.DetailedDiff[c.Key] = &pulumirpc.PropertyDiff{Kind: c.Kind, InputDiff: true}
		if c.Replace {
			resp.Replaces = append(resp.Replaces, c.Key)
		}
	}
	if len(changes) > 0 {
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	// As the bridge: replacing a resource whose name the program chose must delete the old one
	// first, since DigitalOcean refuses a second one of the same name.
	if _, named := s.property("name"); named && len(resp.Replaces) > 0 {
		if _, has := news["__defaults"]; has && !wasDefaulted(news, "name") {
			resp.DeleteBeforeReplace = true
		}
	}
	return resp
}

// ---- Create (preview) and Read

// plannedOutputs are the planned state of a create: the inputs, with what DigitalOcean computes unknown.
func plannedOutputs(s resourceSchema, inputs resource.PropertyMap) resource.PropertyMap {
	outs := resource.PropertyMap{}
	for k, v := range inputs {
		if !isInternalKey(k) {
			outs[k] = v
		}
	}
	for _, p := range s.Properties {
		if !p.Output {
			continue
		}
		if !p.Input || (p.Computed && !present(inputs, p.Name)) {
			outs[resource.PropertyKey(p.Name)] = unknownValue()
		}
	}
	return outs
}

// refreshedInputs are the inputs after a refresh: the old inputs with DigitalOcean's current values,
// so that drift shows; values equal under same keep the program's spelling. On an import (no old
// inputs) the imported keys are taken from the state.
func refreshedInputs(s resourceSchema, oldInputs, outs resource.PropertyMap, imported []string, same sameFunc) resource.PropertyMap {
	if len(oldInputs) == 0 {
		ins := resource.PropertyMap{"__defaults": resource.NewArrayProperty(nil)}
		for _, k := range imported {
			if v, ok := outs[resource.PropertyKey(k)]; ok && !isEmpty(v) {
				ins[resource.PropertyKey(k)] = v
			}
		}
		return ins
	}
	ins := oldInputs.Copy()
	for k, old := range oldInputs {
		if isInternalKey(k) {
			continue
		}
		p, ok := s.property(string(k))
		if !ok || !p.Input {
			continue
		}
		cur, ok := outs[k]
		if !ok || same(string(k), old, cur) {
			continue
		}
		ins[k] = cur
	}
	annotateSecrets(ins, oldInputs)
	return ins
}
