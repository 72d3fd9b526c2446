// Package s3 serves an S3-compatible object store on loopback for the tests of a shared Pulumi
// state backend: gofakes3 in memory, behind a check that every request is signed with the one
// access key it was given, so a client that was not handed the credentials is refused as S3
// refuses it.
package s3

import (
	"net/http"
	"strings"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// New returns the store's handler with these buckets made, empty. With an accessKey, only requests
// signed (AWS Signature Version 4) with that access key are served; others get 403 AccessDenied.
// The signature itself is not verified: the store proves who was given the key, not the key's
// secret.
func New(accessKey string, buckets ...string) (http.Handler, error) {
	backend := s3mem.New()
	for _, bucket := range buckets {
		if err := backend.CreateBucket(bucket); err != nil {
			return nil, err
		}
	}
	store := gofakes3.New(backend).Server()
	if accessKey == "" {
		return store, nil
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !signedWith(r, accessKey) {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>` +
				`<Message>the request is not signed with the access key of this store</Message></Error>`))
			return
		}
		store.ServeHTTP(w, r)
	}), nil
}

// signedWith tells whether the request names the access key in its Authorization header or, for a
// presigned URL, in X-Amz-Credential.
func signedWith(r *http.Request, accessKey string) bool {
	credential := r.URL.Query().Get("X-Amz-Credential")
	if auth := r.Header.Get("Authorization"); auth != "" {
		_, after, found := strings.Cut(auth, "Credential=")
		if !found {
			return false
		}
		credential = after
	}
	return strings.HasPrefix(credential, accessKey+"/")
}
