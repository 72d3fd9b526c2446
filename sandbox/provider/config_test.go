package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestResolveConfigFromArgsVariablesAndEnv(t *testing.T) {
	testEnv(t)
	t.Setenv(envSandboxPoll, "")
	t.Setenv(envSandboxTimeout, "")
	t.Setenv(envSandboxRetryWaitMin, "")

	// Defaults: the official provider's.
	c, err := resolveConfig(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.apiEndpoint != "https://api.digitalocean.com" || c.retryMax != 4 || c.retryWaitMin != 1 || c.retryWaitMax != 30 ||
		c.pollInterval != 15*time.Second || c.waitTimeout != 30*time.Minute || c.token != "" {
		t.Errorf("defaults: %+v", c)
	}

	// Environment.
	t.Setenv(envAccessToken, "from-access-token")
	t.Setenv(envAPIURL, "http://127.0.0.1:9")
	t.Setenv(envSandboxPoll, "20ms")
	t.Setenv(envSandboxTimeout, "2m")
	t.Setenv(envSandboxRetryWaitMin, "10ms")
	c, err = resolveConfig(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.token != "from-access-token" || c.apiEndpoint != "http://127.0.0.1:9" || c.pollInterval != 20*time.Millisecond ||
		c.waitTimeout != 2*time.Minute || c.retryWaitMin != 0.01 {
		t.Errorf("env: %+v", c)
	}
	t.Setenv(envToken, "from-token")
	if c, _ = resolveConfig(nil, nil); c.token != "from-token" {
		t.Errorf("DIGITALOCEAN_TOKEN comes first: %q", c.token)
	}

	// Config beats the environment; the token may be secret; old-style variables work too.
	c, err = resolveConfig(resource.PropertyMap{
		"token":        resource.MakeSecret(resource.NewStringProperty("from-config")),
		"apiEndpoint":  resource.NewStringProperty("http://127.0.0.1:8080"),
		"httpRetryMax": resource.NewNumberProperty(2),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.token != "from-config" || c.apiEndpoint != "http://127.0.0.1:8080" || c.retryMax != 2 {
		t.Errorf("args: %+v", c)
	}
	c, _ = resolveConfig(resource.PropertyMap{}, map[string]string{"digitalocean:config:token": "from-variables",
		"digitalocean:config:httpRetryWaitMax": "5"})
	if c.token != "from-variables" || c.retryWaitMax != 5 {
		t.Errorf("variables: %+v", c)
	}
	if strings.Contains(c.String(), "from-variables") {
		t.Errorf("the token shows: %s", c)
	}
	if _, err := resolveConfig(resource.PropertyMap{"apiEndpoint": resource.NewStringProperty("not a url")}, nil); err == nil {
		t.Error("a bad endpoint passed")
	}
	t.Setenv(envSandboxPoll, "soon")
	if _, err := resolveConfig(nil, nil); err == nil || !strings.Contains(err.Error(), envSandboxPoll) {
		t.Errorf("bad duration: %v", err)
	}
}

func TestCheckConfigToleratesTheOfficialKeysOnly(t *testing.T) {
	s := newServer()
	news := resource.PropertyMap{
		"token":             resource.NewStringProperty("t"),
		"apiEndpoint":       resource.NewStringProperty("http://127.0.0.1:1"),
		"version":           resource.NewStringProperty("4.76.0"),
		"spacesAccessId":    resource.NewStringProperty("a"),
		"spacesSecretKey":   resource.NewStringProperty("b"),
		"spacesEndpoint":    resource.NewStringProperty("https://fra1.digitaloceanspaces.com"),
		"httpRetryMax":      resource.NewNumberProperty(3),
		"httpRetryWaitMin":  resource.NewNumberProperty(0.5),
		"httpRetryWaitMax":  resource.NewNumberProperty(10),
		"requestsPerSecond": resource.NewNumberProperty(2),
	}
	resp, err := s.CheckConfig(context.Background(), &pulumirpc.CheckRequest{Urn: "urn:pulumi:dev::p::pulumi:providers:digitalocean::do",
		News: mustMarshal(t, news)})
	if err != nil || len(resp.GetFailures()) != 0 {
		t.Fatalf("official keys refused: %v %v", err, resp.GetFailures())
	}
	resp, _ = s.CheckConfig(context.Background(), &pulumirpc.CheckRequest{News: mustMarshal(t, resource.PropertyMap{
		"tokn": resource.NewStringProperty("t"), "httpRetryMax": resource.NewStringProperty("many")})})
	if got := strings.Join(failureProps(resp.GetFailures()), ","); got != "httpRetryMax,tokn" {
		t.Errorf("failures: %v", resp.GetFailures())
	}
}

func TestDiffConfigNeverReplaces(t *testing.T) {
	s := newServer()
	olds := resource.PropertyMap{"token": resource.MakeSecret(resource.NewStringProperty("a")), "version": resource.NewStringProperty("4.76.0")}
	news := resource.PropertyMap{"token": resource.MakeSecret(resource.NewStringProperty("b")), "version": resource.NewStringProperty("4.76.0"),
		"apiEndpoint": resource.NewStringProperty("http://127.0.0.1:1")}
	resp, err := s.DiffConfig(context.Background(), &pulumirpc.DiffRequest{OldInputs: mustMarshal(t, olds), Olds: mustMarshal(t, olds),
		News: mustMarshal(t, news)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(resp.GetReplaces()) != 0 ||
		strings.Join(resp.GetDiffs(), ",") != "apiEndpoint,token" {
		t.Errorf("diff: %v", resp)
	}
	resp, _ = s.DiffConfig(context.Background(), &pulumirpc.DiffRequest{OldInputs: mustMarshal(t, olds), News: mustMarshal(t, olds)})
	if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("same config: %v", resp)
	}
}

func TestOperationsBeforeConfigureFail(t *testing.T) {
	s := newServer()
	_, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: testURN, Type: clusterToken,
		Properties: mustMarshal(t, baseInputs())})
	if err == nil || !strings.Contains(err.Error(), "not configured") {
		t.Errorf("err = %v", err)
	}
}
