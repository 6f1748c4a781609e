package text

import (
	"context"
	"strings"
	"testing"
)

// TestWordsKeepsIDsWhole: each id, CIDR, service or resource name of a phrase is one unbreakable
// span; other words and the spaces between them stay plain text, escaped.
func TestWordsKeepsIDsWhole(t *testing.T) {
	var b strings.Builder
	phrase := `Subnet Private-1a (subnet-0d73) reaches com.amazonaws.us-east-1.s3 via 10.10.0.0/16, not <b>-x.`
	if err := Words(phrase).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	want := `Subnet <span class="id">Private-1a</span> <span class="id">(subnet-0d73)</span> reaches ` +
		`<span class="id">com.amazonaws.us-east-1.s3</span> via <span class="id">10.10.0.0/16,</span> not &lt;b&gt;-x.`
	if got := b.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
