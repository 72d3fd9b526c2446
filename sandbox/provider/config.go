package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/oauth2"
)

// Environment variables the provider reads. The first group is the official provider's; the
// DIGITALOCEAN_SANDBOX_* ones exist only in this sandbox build, to make waits short in tests.
const (
	envToken        = "DIGITALOCEAN_TOKEN"
	envAccessToken  = "DIGITALOCEAN_ACCESS_TOKEN"
	envAPIURL       = "DIGITALOCEAN_API_URL"
	envRetryMax     = "DIGITALOCEAN_HTTP_RETRY_MAX"
	envRetryWaitMin = "DIGITALOCEAN_HTTP_RETRY_WAIT_MIN"
	envRetryWaitMax = "DIGITALOCEAN_HTTP_RETRY_WAIT_MAX"
	envRPS          = "DIGITALOCEAN_REQUESTS_PER_SECOND"

	envSandboxRetryWaitMin = "DIGITALOCEAN_SANDBOX_RETRY_WAIT_MIN" // a Go duration ("10ms") or seconds
	envSandboxPoll         = "DIGITALOCEAN_SANDBOX_POLL_INTERVAL"  // a Go duration, default 15s
	envSandboxTimeout      = "DIGITALOCEAN_SANDBOX_CREATE_TIMEOUT" // a Go duration, default 30m
)

const (
	defaultAPIEndpoint  = "https://api.digitalocean.com"
	defaultRetryMax     = 4
	defaultRetryWaitMin = 1.0  // seconds
	defaultRetryWaitMax = 30.0 // seconds
	defaultPollInterval = 15 * time.Second
	defaultWaitTimeout  = 30 * time.Minute
	userAgent           = "pulumi-resource-digitalocean/" + pluginVersion
)

// providerConfig is the provider's configuration once resolved against the environment.
type providerConfig struct {
	token        string
	apiEndpoint  string
	retryMax     int
	retryWaitMin float64 // seconds
	retryWaitMax float64 // seconds
	rps          float64
	pollInterval time.Duration
	waitTimeout  time.Duration
}

// String never shows the token.
func (c providerConfig) String() string {
	return fmt.Sprintf("endpoint=%s token=%s retries=%d wait=%.3gs..%.3gs poll=%s timeout=%s",
		c.apiEndpoint, map[bool]string{true: "set", false: "unset"}[c.token != ""], c.retryMax,
		c.retryWaitMin, c.retryWaitMax, c.pollInterval, c.waitTimeout)
}

// configValue finds a config key in the Configure request: in args (typed, maybe secret) or in the
// deprecated variables map ("digitalocean:config:token").
func configValue(args resource.PropertyMap, vars map[string]string, key string) (resource.PropertyValue, bool) {
	if v, ok := args[resource.PropertyKey(key)]; ok {
		v, _ = peel(v)
		if !v.IsNull() {
			return v, true
		}
	}
	for _, k := range []string{packageName + ":config:" + key, packageName + ":" + key} {
		if s, ok := vars[k]; ok {
			return resource.NewStringProperty(s), true
		}
	}
	return resource.PropertyValue{}, false
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// parseSeconds reads a config number given in seconds, as a number or a numeric string.
func parseSeconds(v resource.PropertyValue) (float64, error) {
	switch {
	case v.IsNumber():
		return v.NumberValue(), nil
	case v.IsString():
		return strconv.ParseFloat(strings.TrimSpace(v.StringValue()), 64)
	}
	return 0, fmt.Errorf("expected a number, got %s", typeName(v))
}

// parseDurationEnv reads a Go duration ("15s", "10ms") or a plain number of seconds.
func parseDurationEnv(name string) (time.Duration, bool, error) {
	raw := strings.TrimSpace(os.Getenv(name))
	if raw == "" {
		return 0, false, nil
	}
	if d, err := time.ParseDuration(raw); err == nil {
		if d <= 0 {
			return 0, false, fmt.Errorf("%s must be positive, got %q", name, raw)
		}
		return d, true, nil
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f <= 0 {
		return 0, false, fmt.Errorf("%s must be a Go duration such as 15s or 10ms, got %q", name, raw)
	}
	return time.Duration(f * float64(time.Second)), true, nil
}

// resolveConfig builds the configuration from a Configure request and the environment.
func resolveConfig(args resource.PropertyMap, vars map[string]string) (providerConfig, error) {
	c := providerConfig{
		apiEndpoint:  defaultAPIEndpoint,
		retryMax:     defaultRetryMax,
		retryWaitMin: defaultRetryWaitMin,
		retryWaitMax: defaultRetryWaitMax,
		pollInterval: defaultPollInterval,
		waitTimeout:  defaultWaitTimeout,
	}
	if v, ok := configValue(args, vars, "token"); ok {
		s, isString := asString(v)
		if !isString {
			return c, fmt.Errorf("digitalocean:token: expected a string, got %s", typeName(v))
		}
		c.token = s
	}
	if c.token == "" {
		c.token = firstEnv(envToken, envAccessToken)
	}
	c.token = strings.Trim(strings.TrimSpace(c.token), "'")

	if v, ok := configValue(args, vars, "apiEndpoint"); ok {
		s, isString := asString(v)
		if !isString {
			return c, fmt.Errorf("digitalocean:apiEndpoint: expected a string, got %s", typeName(v))
		}
		if s != "" {
			c.apiEndpoint = s
		}
	} else if e := os.Getenv(envAPIURL); e != "" {
		c.apiEndpoint = e
	}
	if u, err := url.Parse(c.apiEndpoint); err != nil || u.Scheme == "" || u.Host == "" {
		return c, fmt.Errorf("digitalocean:apiEndpoint: %q is not an absolute URL", c.apiEndpoint)
	}

	if v, ok := configValue(args, vars, "httpRetryMax"); ok {
		n, err := asInt(v)
		if err != nil {
			return c, fmt.Errorf("digitalocean:httpRetryMax: %v", err)
		}
		c.retryMax = int(n)
	} else if e := os.Getenv(envRetryMax); e != "" {
		n, err := strconv.Atoi(e)
		if err != nil {
			return c, fmt.Errorf("%s: %v", envRetryMax, err)
		}
		c.retryMax = n
	}
	for _, f := range []struct {
		key, env string
		dst      *float64
	}{
		{"httpRetryWaitMin", envRetryWaitMin, &c.retryWaitMin},
		{"httpRetryWaitMax", envRetryWaitMax, &c.retryWaitMax},
		{"requestsPerSecond", envRPS, &c.rps},
	} {
		if v, ok := configValue(args, vars, f.key); ok {
			n, err := parseSeconds(v)
			if err != nil {
				return c, fmt.Errorf("digitalocean:%s: %v", f.key, err)
			}
			*f.dst = n
		} else if e := os.Getenv(f.env); e != "" {
			n, err := strconv.ParseFloat(e, 64)
			if err != nil {
				return c, fmt.Errorf("%s: %v", f.env, err)
			}
			*f.dst = n
		}
	}
	// The sandbox knob wins: it exists so that tests do not wait seconds between retries.
	if d, ok, err := parseDurationEnv(envSandboxRetryWaitMin); err != nil {
		return c, err
	} else if ok {
		c.retryWaitMin = d.Seconds()
		if c.retryWaitMax < c.retryWaitMin {
			c.retryWaitMax = c.retryWaitMin
		}
	}
	if d, ok, err := parseDurationEnv(envSandboxPoll); err != nil {
		return c, err
	} else if ok {
		c.pollInterval = d
	}
	if d, ok, err := parseDurationEnv(envSandboxTimeout); err != nil {
		return c, err
	} else if ok {
		c.waitTimeout = d
	}
	return c, nil
}

// newClient builds a godo client the way the official provider does: an OAuth2 bearer token,
// godo's retrying HTTP client (429, 5xx and connection errors), optional rate limit, the base URL.
func (c providerConfig) newClient() (*godo.Client, error) {
	// An empty token still goes through oauth2 (an empty bearer): DigitalOcean then answers 401
	// "Unable to authenticate you", as it does for the official provider without a token.
	httpClient := oauth2.NewClient(context.Background(), oauth2.StaticTokenSource(&oauth2.Token{AccessToken: c.token}))
	opts := []godo.ClientOpt{godo.SetUserAgent(userAgent), godo.SetBaseURL(c.apiEndpoint)}
	if c.retryMax > 0 {
		opts = append(opts, godo.WithRetryAndBackoffs(godo.RetryConfig{
			RetryMax:     c.retryMax,
			RetryWaitMin: godo.PtrTo(c.retryWaitMin),
			RetryWaitMax: godo.PtrTo(c.retryWaitMax),
		}))
	}
	if c.rps > 0 {
		opts = append(opts, godo.SetStaticRateLimit(c.rps))
	}
	return godo.New(httpClient, opts...)
}

// checkConfig holds provider inputs to the config table. The engine adds "version" (and may add
// "pluginDownloadURL") to a provider's inputs; those and internal keys are not config.
func checkConfig(news resource.PropertyMap) []*pulumirpc.CheckFailure {
	var failures []*pulumirpc.CheckFailure
	for _, k := range news.StableKeys() {
		if isInternalKey(k) || k == "version" || k == "pluginDownloadURL" {
			continue
		}
		var p *property
		for i := range configProperties {
			if configProperties[i].Name == string(k) {
				p = &configProperties[i]
			}
		}
		if p == nil {
			failures = append(failures, &pulumirpc.CheckFailure{Property: string(k),
				Reason: fmt.Sprintf("unknown provider configuration key %q: digitalocean %s has no such setting", k, packageVersion)})
			continue
		}
		v, _ := peel(news[k])
		if v.IsNull() || unknown(v) {
			continue
		}
		switch p.Type {
		case "string":
			if !v.IsString() {
				failures = append(failures, &pulumirpc.CheckFailure{Property: string(k),
					Reason: fmt.Sprintf("expected a string, got %s", typeName(v))})
			}
		case "integer":
			if _, err := asInt(v); err != nil {
				failures = append(failures, &pulumirpc.CheckFailure{Property: string(k), Reason: err.Error()})
			}
		case "number":
			if _, err := parseSeconds(v); err != nil {
				failures = append(failures, &pulumirpc.CheckFailure{Property: string(k), Reason: err.Error()})
			}
		}
		if k == "apiEndpoint" && v.IsString() && v.StringValue() != "" {
			if u, err := url.Parse(v.StringValue()); err != nil || u.Scheme == "" || u.Host == "" {
				failures = append(failures, &pulumirpc.CheckFailure{Property: string(k),
					Reason: fmt.Sprintf("%q is not an absolute URL", v.StringValue())})
			}
		}
	}
	return failures
}
