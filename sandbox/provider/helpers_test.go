package main

import (
	"context"
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
