package main

import (
	"context"
	"sort"
	"strings"
	"testing"

	"dbplane.dev/sandbox/provider/internal/dofake"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	testToken = "dop_v1_test-token"
	testURN   = "urn:pulumi:dev::dbplane::digitalocean:index/databaseCluster:DatabaseCluster::database-cluster"
)

// testEnv makes waits and retries short and keeps the machine's DigitalOcean variables out.
func testEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{envToken, envAccessToken, envAPIURL, envRetryMax, envRetryWaitMin, envRetryWaitMax, envRPS} {
		t.Setenv(k, "")
	}
	t.Setenv(envSandboxPoll, "5ms")
	t.Setenv(envSandboxRetryWaitMin, "2ms")
	t.Setenv(envSandboxTimeout, "10s")
}

// newTestProvider is a configured provider in front of a fresh fake API.
func newTestProvider(t *testing.T) (*server, *dofake.Server) {
	t.Helper()
	testEnv(t)
	fake := dofake.New(testToken)
	t.Cleanup(fake.Close)
	s := newServer()
	configure(t, s, resource.PropertyMap{
		"token":       resource.MakeSecret(resource.NewStringProperty(testToken)),
		"apiEndpoint": resource.NewStringProperty(fake.URL),
		"version":     resource.NewStringProperty("4.76.0"),
	})
	return s, fake
}

func configure(t *testing.T, s *server, args resource.PropertyMap) {
	t.Helper()
	typ := "pulumi:providers:digitalocean"
	if _, err := s.Configure(context.Background(), &pulumirpc.ConfigureRequest{Args: mustMarshal(t, args), Type: &typ,
		AcceptSecrets: true, SendsOldInputs: true}); err != nil {
		t.Fatalf("Configure: %v", err)
	}
}

func mustMarshal(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return s
}

func mustUnmarshal(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return m
}

// baseInputs are the inputs dbplane's Java program sets.
func baseInputs() resource.PropertyMap {
	return resource.PropertyMap{
		"name":           resource.NewStringProperty("db-test"),
		"engine":         resource.NewStringProperty("pg"),
		"version":        resource.NewStringProperty("16"),
		"size":           resource.NewStringProperty("db-s-1vcpu-1gb"),
		"region":         resource.NewStringProperty("nyc1"),
		"nodeCount":      resource.NewNumberProperty(1),
		"storageSizeMib": resource.NewStringProperty("10240"),
		"tags":           strList([]string{"dbplane", "team-a"}),
	}
}

func with(m resource.PropertyMap, kv ...any) resource.PropertyMap {
	out := m.Copy()
	for i := 0; i < len(kv); i += 2 {
		k := resource.PropertyKey(kv[i].(string))
		switch v := kv[i+1].(type) {
		case nil:
			delete(out, k)
		case resource.PropertyValue:
			out[k] = v
		default:
			out[k] = resource.NewPropertyValue(v)
		}
	}
	return out
}

func checkCluster(t *testing.T, s *server, olds, news resource.PropertyMap) (resource.PropertyMap, []*pulumirpc.CheckFailure) {
	t.Helper()
	resp, err := s.Check(context.Background(), &pulumirpc.CheckRequest{Urn: testURN, Type: clusterToken, Name: "database-cluster",
		Olds: mustMarshal(t, olds), News: mustMarshal(t, news), RandomSeed: []byte("seed")})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return mustUnmarshal(t, resp.GetInputs()), resp.GetFailures()
}

func createCluster(ctx context.Context, t *testing.T, s *server, inputs resource.PropertyMap, preview bool) (string, resource.PropertyMap, error) {
	t.Helper()
	resp, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: testURN, Type: clusterToken, Name: "database-cluster",
		Properties: mustMarshal(t, inputs), Preview: preview})
	if err != nil {
		return "", nil, err
	}
	return resp.GetId(), mustUnmarshal(t, resp.GetProperties()), nil
}

// mustCreate checks and creates a cluster, returning the checked inputs, the id and the state.
func mustCreate(t *testing.T, s *server, news resource.PropertyMap) (resource.PropertyMap, string, resource.PropertyMap) {
	t.Helper()
	inputs, failures := checkCluster(t, s, nil, news)
	if len(failures) > 0 {
		t.Fatalf("Check failures: %v", failures)
	}
	id, outs, err := createCluster(context.Background(), t, s, inputs, false)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return inputs, id, outs
}

func diffCluster(t *testing.T, s *server, oldInputs, olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
	t.Helper()
	resp, err := s.Diff(context.Background(), &pulumirpc.DiffRequest{Id: "id-1", Urn: testURN, Type: clusterToken,
		OldInputs: mustMarshal(t, oldInputs), Olds: mustMarshal(t, olds), News: mustMarshal(t, news)})
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	return resp
}

func updateCluster(ctx context.Context, t *testing.T, s *server, id string, oldInputs, olds, news resource.PropertyMap) (resource.PropertyMap, error) {
	t.Helper()
	resp, err := s.Update(ctx, &pulumirpc.UpdateRequest{Id: id, Urn: testURN, Type: clusterToken,
		OldInputs: mustMarshal(t, oldInputs), Olds: mustMarshal(t, olds), News: mustMarshal(t, news)})
	if err != nil {
		return nil, err
	}
	return mustUnmarshal(t, resp.GetProperties()), nil
}

func readClusterRPC(t *testing.T, s *server, id string, inputs, state resource.PropertyMap) (*pulumirpc.ReadResponse, error) {
	t.Helper()
	var ins *structpb.Struct
	if inputs != nil {
		ins = mustMarshal(t, inputs)
	}
	return s.Read(context.Background(), &pulumirpc.ReadRequest{Id: id, Urn: testURN, Type: clusterToken,
		Inputs: ins, Properties: mustMarshal(t, state)})
}

func stringOf(t *testing.T, m resource.PropertyMap, key string) string {
	t.Helper()
	v, _ := peel(m[resource.PropertyKey(key)])
	if !v.IsString() {
		t.Fatalf("%s: expected a string, got %v", key, m[resource.PropertyKey(key)])
	}
	return v.StringValue()
}

func failureProps(fs []*pulumirpc.CheckFailure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.GetProperty())
	}
	return out
}

func containsAll(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%q does not contain %q", got, w)
		}
	}
}

func count(calls []string, call string) int {
	n := 0
	for _, c := range calls {
		if c == call {
			n++
		}
	}
	return n
}

// testResource drives one resource of any served type through the server, as the engine does.
type testResource struct {
	t     *testing.T
	s     *server
	token string
	name  string // the logical name
}

func (r testResource) urn() string { return "urn:pulumi:dev::dbplane::" + r.token + "::" + r.name }

func (r testResource) check(olds, news resource.PropertyMap) (resource.PropertyMap, []*pulumirpc.CheckFailure) {
	r.t.Helper()
	resp, err := r.s.Check(context.Background(), &pulumirpc.CheckRequest{Urn: r.urn(), Type: r.token, Name: r.name,
		Olds: mustMarshal(r.t, olds), News: mustMarshal(r.t, news), RandomSeed: []byte("seed")})
	if err != nil {
		r.t.Fatalf("Check: %v", err)
	}
	return mustUnmarshal(r.t, resp.GetInputs()), resp.GetFailures()
}

func (r testResource) create(ctx context.Context, inputs resource.PropertyMap, preview bool) (string, resource.PropertyMap, error) {
	r.t.Helper()
	resp, err := r.s.Create(ctx, &pulumirpc.CreateRequest{Urn: r.urn(), Type: r.token, Name: r.name,
		Properties: mustMarshal(r.t, inputs), Preview: preview})
	if err != nil {
		return "", nil, err
	}
	return resp.GetId(), mustUnmarshal(r.t, resp.GetProperties()), nil
}

// mustCreate checks and creates the resource, returning the checked inputs, the id and the state.
func (r testResource) mustCreate(news resource.PropertyMap) (resource.PropertyMap, string, resource.PropertyMap) {
	r.t.Helper()
	inputs, failures := r.check(nil, news)
	if len(failures) > 0 {
		r.t.Fatalf("Check failures: %v", failures)
	}
	id, outs, err := r.create(context.Background(), inputs, false)
	if err != nil {
		r.t.Fatalf("Create: %v", err)
	}
	return inputs, id, outs
}

func (r testResource) diff(id string, oldInputs, olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
	r.t.Helper()
	resp, err := r.s.Diff(context.Background(), &pulumirpc.DiffRequest{Id: id, Urn: r.urn(), Type: r.token,
		OldInputs: mustMarshal(r.t, oldInputs), Olds: mustMarshal(r.t, olds), News: mustMarshal(r.t, news)})
	if err != nil {
		r.t.Fatalf("Diff: %v", err)
	}
	return resp
}

func (r testResource) update(id string, oldInputs, olds, news resource.PropertyMap) (resource.PropertyMap, error) {
	r.t.Helper()
	resp, err := r.s.Update(context.Background(), &pulumirpc.UpdateRequest{Id: id, Urn: r.urn(), Type: r.token,
		OldInputs: mustMarshal(r.t, oldInputs), Olds: mustMarshal(r.t, olds), News: mustMarshal(r.t, news)})
	if err != nil {
		return nil, err
	}
	return mustUnmarshal(r.t, resp.GetProperties()), nil
}

// read is a refresh (inputs and state given) or an import (both nil).
func (r testResource) read(id string, inputs, state resource.PropertyMap) (*pulumirpc.ReadResponse, error) {
	r.t.Helper()
	var ins *structpb.Struct
	if inputs != nil {
		ins = mustMarshal(r.t, inputs)
	}
	return r.s.Read(context.Background(), &pulumirpc.ReadRequest{Id: id, Urn: r.urn(), Type: r.token,
		Inputs: ins, Properties: mustMarshal(r.t, state)})
}

func (r testResource) delete(id string, inputs, outs resource.PropertyMap) error {
	r.t.Helper()
	_, err := r.s.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: id, Urn: r.urn(), Type: r.token,
		OldInputs: mustMarshal(r.t, inputs), Properties: mustMarshal(r.t, outs)})
	return err
}

// newCluster creates a cluster of the engine for the sub-resources under test.
func newCluster(t *testing.T, s *server, engine string) string {
	t.Helper()
	versions := map[string]string{"pg": "16", "mysql": "8", "kafka": "3.8", "valkey": "8"}
	_, id, _ := mustCreate(t, s, with(baseInputs(), "name", "db-"+engine, "engine", engine, "version", versions[engine]))
	return id
}

// requireGone holds a refresh to the empty answer that makes the engine drop the resource.
func (r testResource) requireGone(id string, inputs, state resource.PropertyMap) {
	r.t.Helper()
	resp, err := r.read(id, inputs, state)
	if err != nil {
		r.t.Fatalf("Read: %v", err)
	}
	if resp.GetId() != "" || resp.GetProperties() != nil || resp.GetInputs() != nil {
		r.t.Errorf("gone must be an empty read: %v", resp)
	}
}

// requireReplace holds a diff to a replacement on exactly the keys.
func requireReplace(t *testing.T, d *pulumirpc.DiffResponse, keys ...string) {
	t.Helper()
	if d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || strings.Join(d.GetReplaces(), ",") != strings.Join(keys, ",") {
		t.Errorf("want a replacement on %v: changes %v, replaces %v", keys, d.GetChanges(), d.GetReplaces())
	}
}

// requireNoDiff holds a diff to no change.
func requireNoDiff(t *testing.T, d *pulumirpc.DiffResponse) {
	t.Helper()
	if d.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE || len(d.GetDiffs()) != 0 {
		t.Errorf("want no diff: %v", d.GetDiffs())
	}
}

// requireFailures holds Check failures to the properties, in any order.
func requireFailures(t *testing.T, fs []*pulumirpc.CheckFailure, props ...string) {
	t.Helper()
	got := failureProps(fs)
	sort.Strings(got)
	sort.Strings(props)
	if strings.Join(got, ",") != strings.Join(props, ",") {
		t.Errorf("failures on %v, want %v: %v", got, props, fs)
	}
}
