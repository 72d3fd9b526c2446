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

func TestSchemaDatabaseClusterMatchesOfficial(t *testing.T) {
	want, got := officialSchema(t), ourSchema(t)
	w := obj(t, want, "resources", clusterToken)
	g := obj(t, got, "resources", clusterToken)
	compareProperties(t, "inputProperties", obj(t, g, "inputProperties"), obj(t, w, "inputProperties"))
	compareProperties(t, "properties", obj(t, g, "properties"), obj(t, w, "properties"))
	equalLists(t, "requiredInputs", strs(g["requiredInputs"]), strs(w["requiredInputs"]))
	equalLists(t, "required", strs(g["required"]), strs(w["required"]))
	equalLists(t, "replaceOnChanges", replaceKeys(obj(t, g, "inputProperties")), replaceKeys(obj(t, w, "inputProperties")))
	equalLists(t, "stateInputs", keys(obj(t, g, "stateInputs", "properties")), strs(w["stateInputs_propertyNames"]))

	// The secret outputs: the schema's list, and the one dbplane's Java program declares
	// (DatabaseCluster.SECRET_OUTPUTS).
	var secrets []string
	for name, p := range obj(t, g, "properties") {
		if s, _ := p.(map[string]any)["secret"].(bool); s {
			secrets = append(secrets, name)
		}
	}
	sort.Strings(secrets)
	equalLists(t, "secret outputs", secrets, strs(obj(t, want, "secretProperties", clusterToken)["properties"]))
	equalLists(t, "secret outputs (Java)", secrets, []string{"password", "privateUri", "uiPassword", "uiUri", "uri"})
	for _, p := range clusterSchema.Properties {
		if p.Secret && p.Input {
			t.Errorf("%s: a secret input, the official schema has none", p.Name)
		}
	}

	// The types the cluster refers to, field by field, and the enums' values.
	for _, tok := range []string{maintenanceWindowType, storageAutoscaleType, backupRestoreType} {
		wt, gt := obj(t, want, "types", tok), obj(t, got, "types", tok)
		compareProperties(t, tok, obj(t, gt, "properties"), obj(t, wt, "properties"))
		equalLists(t, tok+" required", strs(gt["required"]), strs(wt["required"]))
	}
	for _, tok := range []string{regionEnum, slugEnum} {
		values := func(m map[string]any) []string {
			var out []string
			for _, e := range m["enum"].([]any) {
				e := e.(map[string]any)
				out = append(out, e["name"].(string)+"="+e["value"].(string))
			}
			sort.Strings(out)
			return out
		}
		equalLists(t, tok, values(obj(t, got, "types", tok)), values(obj(t, want, "types", tok)))
	}
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
