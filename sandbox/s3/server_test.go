package s3

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func send(t *testing.T, url, method, authorization, body string) (int, string) {
	t.Helper()
	request, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		request.Header.Set("Authorization", authorization)
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	text, _ := io.ReadAll(response.Body)
	return response.StatusCode, string(text)
}

func signed(key string) string {
	return "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00"
}

func TestAnObjectPutWithTheAccessKeyIsReadBack(t *testing.T) {
	handler, err := New("AKSTATE", "state")
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(handler)
	defer server.Close()

	if status, body := send(t, server.URL+"/state/.pulumi/meta.yaml", http.MethodPut, signed("AKSTATE"), "version: 1\n"); status != http.StatusOK {
		t.Fatalf("put: %d %s", status, body)
	}
	if status, body := send(t, server.URL+"/state/.pulumi/meta.yaml", http.MethodGet, signed("AKSTATE"), ""); status != http.StatusOK || body != "version: 1\n" {
		t.Fatalf("get: %d %q", status, body)
	}
	if status, body := send(t, server.URL+"/state?list-type=2", http.MethodGet, signed("AKSTATE"), ""); !strings.Contains(body, "<Key>.pulumi/meta.yaml</Key>") {
		t.Fatalf("list: %d %s", status, body)
	}
}

func TestARequestWithoutTheAccessKeyIsDenied(t *testing.T) {
	handler, err := New("AKSTATE", "state")
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(handler)
	defer server.Close()

	for name, authorization := range map[string]string{"unsigned": "", "another key": signed("AKOTHER"), "a key that starts alike": signed("AKSTATEX")} {
		status, body := send(t, server.URL+"/state?list-type=2", http.MethodGet, authorization, "")
		if status != http.StatusForbidden || !strings.Contains(body, "<Code>AccessDenied</Code>") {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
}

func TestWithoutAnAccessKeyEveryRequestIsServed(t *testing.T) {
	handler, err := New("", "state")
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(handler)
	defer server.Close()
	if status, body := send(t, server.URL+"/state?list-type=2", http.MethodGet, "", ""); status != http.StatusOK {
		t.Fatalf("list: %d %s", status, body)
	}
}
