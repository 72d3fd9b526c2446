package main

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/blang/semver"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The official schema of pulumi-digitalocean v4.76.0 (database resources), kept in the service's
// test resources.
const officialSchemaPath = "../../src/test/resources/pulumi/digitalocean-database-schema-v4.76.0.json"

func loadJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("parse: %v", err)
	}
	return m
}

func officialSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(officialSchemaPath)
	if err != nil {
		t.Fatalf("the official schema must be there (%s): %v", officialSchemaPath, err)
	}
	return loadJSON(t, data)
}

// ourSchema is what GetSchema serves.
func ourSchema(t *testing.T) map[string]any {
	t.Helper()
	resp, err := newServer().GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	return loadJSON(t, []byte(resp.GetSchema()))
}

func obj(t *testing.T, m map[string]any, path ...string) map[string]any {
	t.Helper()
	cur := m
	for _, p := range path {
		next, ok := cur[p].(map[string]any)
		if !ok {
			t.Fatalf("schema has no object at %s", strings.Join(path, "."))
		}
		cur = next
	}
	return cur
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func strs(v any) []string {
	arr, _ := v.([]any)
	out := []string{}
	for _, e := range arr {
		out = append(out, e.(string))
	}
	sort.Strings(out)
	return out
}

// shape is what must match in a property: its type, $ref, items and oneOf refs.
func shape(v any) string {
	p, _ := v.(map[string]any)
	var b strings.Builder
	b.WriteString("type=" + str_(p["type"]) + " ref=" + str_(p["$ref"]))
	if items, ok := p["items"].(map[string]any); ok {
		b.WriteString(" items=(" + shape(items) + ")")
	}
	if oneOf, ok := p["oneOf"].([]any); ok {
		b.WriteString(" oneOf=[")
		for _, o := range oneOf {
			b.WriteString("(" + shape(o) + ")")
		}
		b.WriteString("]")
	}
	return b.String()
}

func str_(v any) string {
	s, _ := v.(string)
	return s
}

func equalLists(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s:\n got  %v\n want %v", what, got, want)
	}
}

func compareProperties(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	equalLists(t, what+" names", keys(got), keys(want))
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			continue
		}
		if shape(g) != shape(w) {
			t.Errorf("%s.%s: got %s, want %s", what, name, shape(g), shape(w))
		}
		gs, _ := g.(map[string]any)["secret"].(bool)
		ws, _ := w.(map[string]any)["secret"].(bool)
		if gs != ws {
			t.Errorf("%s.%s: secret=%v, want %v", what, name, gs, ws)
		}
	}
}

func replaceKeys(props map[string]any) []string {
	out := []string{}
	for k, v := range props {
		if r, _ := v.(map[string]any)["willReplaceOnChanges"].(bool); r {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func TestSchemaConfigMatchesOfficial(t *testing.T) {
	want, got := officialSchema(t), ourSchema(t)
	if got["name"] != "digitalocean" || got["version"] != want["providerVersion"] {
		t.Errorf("package %v %v, want digitalocean %v", got["name"], got["version"], want["providerVersion"])
	}
	compareProperties(t, "config.variables", obj(t, got, "config", "variables"), obj(t, want, "config", "variables"))
	equalLists(t, "config.defaults", strs(obj(t, got, "config")["defaults"]), strs(obj(t, want, "config")["defaults"]))
	compareProperties(t, "provider.inputProperties", obj(t, got, "provider", "inputProperties"), obj(t, want, "provider", "inputProperties"))
	compareProperties(t, "provider.properties", obj(t, got, "provider", "properties"), obj(t, want, "provider", "properties"))
	// The official schema marks no config secret; the token must not be declared secret either
	// (the program passes it as a secret itself).
	if len(strs(obj(t, want, "secretProperties_provider")["config"])) != 0 {
		t.Fatalf("the official schema now marks config secret: revisit")
	}
	// The env defaults the official provider documents.
	apiEndpoint := obj(t, got, "config", "variables", "apiEndpoint")
	if apiEndpoint["default"] != "https://api.digitalocean.com" ||
		strings.Join(strs(obj(t, apiEndpoint, "defaultInfo")["environment"]), ",") != envAPIURL {
		t.Errorf("apiEndpoint default/env: %v", apiEndpoint)
	}
}

// compareResource holds a served resource to the official one: its inputs, outputs, required
// lists, replacements, state inputs, secret outputs, and every type it refers to.
func compareResource(t *testing.T, want, got map[string]any, token string) {
	t.Helper()
	w := obj(t, want, "resources", token)
	g := obj(t, got, "resources", token)
	compareProperties(t, token+" inputProperties", obj(t, g, "inputProperties"), obj(t, w, "inputProperties"))
	compareProperties(t, token+" properties", obj(t, g, "properties"), obj(t, w, "properties"))
	equalLists(t, token+" requiredInputs", strs(g["requiredInputs"]), strs(w["requiredInputs"]))
	equalLists(t, token+" required", strs(g["required"]), strs(w["required"]))
	equalLists(t, token+" replaceOnChanges", replaceKeys(obj(t, g, "inputProperties")), replaceKeys(obj(t, w, "inputProperties")))
	equalLists(t, token+" stateInputs", keys(obj(t, g, "stateInputs", "properties")), strs(w["stateInputs_propertyNames"]))

	var secrets []string
	for name, p := range obj(t, g, "properties") {
		if s, _ := p.(map[string]any)["secret"].(bool); s {
			secrets = append(secrets, name)
		}
	}
	sort.Strings(secrets)
	var wantSecrets []string
	if sp, ok := obj(t, want, "secretProperties")[token].(map[string]any); ok {
		wantSecrets = strs(sp["properties"])
	}
	equalLists(t, token+" secret outputs", secrets, wantSecrets)
	for name, p := range obj(t, g, "inputProperties") {
		if s, _ := p.(map[string]any)["secret"].(bool); s {
			t.Errorf("%s.%s: a secret input, the official schema has none", token, name)
		}
	}

	// The types the resource refers to, field by field (objects) or value by value (enums).
	seen := map[string]bool{}
	var walk func(props map[string]any)
	walk = func(props map[string]any) {
		for _, ref := range refsOf(props) {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			wt, gt := obj(t, want, "types", ref), obj(t, got, "types", ref)
			if _, enum := wt["enum"]; enum {
				equalLists(t, ref, enumValues(gt), enumValues(wt))
				continue
			}
			compareProperties(t, ref, obj(t, gt, "properties"), obj(t, wt, "properties"))
			equalLists(t, ref+" required", strs(gt["required"]), strs(wt["required"]))
			walk(obj(t, wt, "properties"))
		}
	}
	walk(obj(t, w, "inputProperties"))
	walk(obj(t, w, "properties"))
}

// refsOf lists the type tokens that properties refer to ($ref, in items and in oneOf).
func refsOf(props map[string]any) []string {
	var out []string
	var visit func(v any)
	visit = func(v any) {
		p, ok := v.(map[string]any)
		if !ok {
			return
		}
		if ref, ok := p["$ref"].(string); ok {
			out = append(out, strings.TrimPrefix(ref, "#/types/"))
		}
		visit(p["items"])
		if oneOf, ok := p["oneOf"].([]any); ok {
			for _, o := range oneOf {
				visit(o)
			}
		}
	}
	for _, name := range keys(props) {
		visit(props[name])
	}
	return out
}

func enumValues(m map[string]any) []string {
	var out []string
	for _, e := range m["enum"].([]any) {
		e := e.(map[string]any)
		out = append(out, e["name"].(string)+"="+e["value"].(string))
	}
	sort.Strings(out)
	return out
}

func TestSchemaServesExactlyTheOfficialDatabaseResources(t *testing.T) {
	want, got := officialSchema(t), ourSchema(t)
	equalLists(t, "resources", keys(obj(t, got, "resources")), keys(obj(t, want, "resources")))
	for _, token := range keys(obj(t, want, "resources")) {
		compareResource(t, want, got, token)
	}
}

func TestSchemaDatabaseClusterSecretsAreTheJavaProgramsOnes(t *testing.T) {
	g := obj(t, ourSchema(t), "resources", clusterToken)
	var secrets []string
	for name, p := range obj(t, g, "properties") {
		if s, _ := p.(map[string]any)["secret"].(bool); s {
			secrets = append(secrets, name)
		}
	}
	sort.Strings(secrets)
	// dbplane's Java program declares these (DatabaseCluster.SECRET_OUTPUTS).
	equalLists(t, "secret outputs (Java)", secrets, []string{"password", "privateUri", "uiPassword", "uiUri", "uri"})
}

// The notes of the official schema that the provider's behaviour relies on.
func TestSchemaNotesStillHold(t *testing.T) {
	notes := obj(t, officialSchema(t), "notes")
	containsAll(t, notes["autonaming"].(string), "SetAutonaming(255, \"-\")")
	containsAll(t, notes["replaceOnChanges"].(string), "engine/name/privateNetworkUuid/projectId")
	containsAll(t, notes["javaTypes"].(string), "storageSizeMib is a STRING")
}

func TestPluginInfoLoadsAs4760(t *testing.T) {
	info, err := newServer().GetPluginInfo(context.Background(), &emptypb.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info.GetVersion(), "sandbox") {
		t.Errorf("version %q does not say sandbox", info.GetVersion())
	}
	// The engine parses the version tolerantly and warns unless it is >= the version it asked for;
	// build metadata must not count.
	v, err := semver.ParseTolerant(info.GetVersion())
	if err != nil {
		t.Fatal(err)
	}
	wanted := semver.MustParse(packageVersion)
	if !v.GTE(wanted) || v.Major != 4 || v.Minor != 76 || v.Patch != 0 || len(v.Pre) != 0 {
		t.Errorf("version %v does not load as %v", v, wanted)
	}
	if !strings.Contains(strings.ToLower(packageDescription), "sandbox") {
		t.Errorf("the schema's description does not say sandbox")
	}
}
