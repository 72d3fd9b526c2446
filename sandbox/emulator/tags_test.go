package emulator

import (
	"slices"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
)

func TestTags(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("tagged"))
	other := e.create(pgRequest("other"))

	tag, resp, err := e.client.Tags.Create(ctx, &godo.TagCreateRequest{Name: "Prod"})
	if err != nil || resp.StatusCode != 201 || tag.Name != "Prod" || tag.Resources == nil || tag.Resources.Count != 0 {
		t.Fatalf("create tag: %+v %v", tag, err)
	}
	// Creating it again answers the existing tag, with its first capitalization.
	tag, resp, err = e.client.Tags.Create(ctx, &godo.TagCreateRequest{Name: "prod"})
	if err != nil || resp.StatusCode != 201 || tag.Name != "Prod" {
		t.Fatalf("create again: %+v %v", tag, err)
	}
	_, _, err = e.client.Tags.Create(ctx, &godo.TagCreateRequest{Name: "bad tag"})
	apiErr(t, err, 422, "is invalid")

	resp, err = e.client.Tags.TagResources(ctx, "prod", &godo.TagResourcesRequest{Resources: []godo.Resource{
		{ID: db.ID, Type: godo.DatabaseResourceType},
	}})
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("tag resources: %v", err)
	}
	if got := e.get(db.ID).Tags; !slices.Equal(got, []string{"Prod"}) {
		t.Fatalf("tags %v", got)
	}
	if got := e.get(other.ID).Tags; got != nil {
		t.Fatalf("other tags %v", got)
	}
	tag, _, err = e.client.Tags.Get(ctx, "Prod")
	if err != nil || tag.Resources.Count != 1 || tag.Resources.Databases.Count != 1 ||
		!strings.HasSuffix(tag.Resources.Databases.LastTaggedURI, "/v2/databases/"+db.ID) {
		t.Fatalf("get tag %+v %+v %v", tag, tag.Resources.Databases, err)
	}
	tagged, _, err := e.client.Databases.List(ctx, nil)
	if err != nil || len(tagged) != 2 {
		t.Fatal(err)
	}
	r, body := e.do("GET", "/v2/databases?tag_name=Prod", nil, testToken)
	if r.StatusCode != 200 || !strings.Contains(string(body), db.ID) || strings.Contains(string(body), other.ID) {
		t.Fatalf("tag_name filter: %s", body)
	}

	// Tagging twice is harmless; untagging removes it; all-or-nothing on a bad resource.
	if _, err := e.client.Tags.TagResources(ctx, "Prod", &godo.TagResourcesRequest{Resources: []godo.Resource{{ID: db.ID, Type: "database"}}}); err != nil {
		t.Fatal(err)
	}
	if got := e.get(db.ID).Tags; len(got) != 1 {
		t.Fatalf("tags %v", got)
	}
	_, err = e.client.Tags.TagResources(ctx, "Prod", &godo.TagResourcesRequest{Resources: []godo.Resource{
		{ID: other.ID, Type: "database"}, {ID: "00000000-0000-4000-8000-000000000000", Type: "database"},
	}})
	apiErr(t, err, 404, "could not be found")
	if got := e.get(other.ID).Tags; got != nil {
		t.Fatalf("partial tagging: %v", got)
	}
	_, err = e.client.Tags.TagResources(ctx, "Prod", &godo.TagResourcesRequest{Resources: []godo.Resource{{ID: "1", Type: godo.DropletResourceType}}})
	apiErr(t, err, 422, `resource_type "droplet" is not supported`)
	_, err = e.client.Tags.TagResources(ctx, "nope", &godo.TagResourcesRequest{Resources: []godo.Resource{{ID: db.ID, Type: "database"}}})
	apiErr(t, err, 404, "could not be found")
	_, _, err = e.client.Tags.Get(ctx, "nope")
	apiErr(t, err, 404, "could not be found")

	resp, err = e.client.Tags.UntagResources(ctx, "Prod", &godo.UntagResourcesRequest{Resources: []godo.Resource{{ID: db.ID, Type: "database"}}})
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("untag: %v", err)
	}
	if got := e.get(db.ID).Tags; got != nil {
		t.Fatalf("after untag %v", got)
	}

	// Tags given at create exist as tags; deleting a tag takes it off databases.
	withTags := pgRequest("born-tagged")
	withTags.Tags = []string{"env:test", "Prod"}
	created := e.create(withTags)
	if !slices.Equal(created.Tags, []string{"env:test", "Prod"}) {
		t.Fatalf("tags %v", created.Tags)
	}
	tags, _, err := e.client.Tags.List(ctx, nil)
	if err != nil || len(tags) != 2 {
		t.Fatalf("list tags %v %v", tags, err)
	}
	if _, err := e.client.Tags.Delete(ctx, "env:test"); err != nil {
		t.Fatal(err)
	}
	if got := e.get(created.ID).Tags; !slices.Equal(got, []string{"Prod"}) {
		t.Fatalf("after deleting a tag: %v", got)
	}
}
