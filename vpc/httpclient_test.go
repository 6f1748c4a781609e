package vpc

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// closingBody is a request body that, like the SDK's, refuses reads once closed.
type closingBody struct {
	io.Reader
	closed bool
}

func (b *closingBody) Read(p []byte) (int, error) {
	if b.closed {
		return 0, errors.New("read on closed body")
	}
	return b.Reader.Read(p)
}

func (b *closingBody) Close() error { b.closed = true; return nil }

// recordingClient keeps the request the transport was handed.
type recordingClient struct{ got *http.Request }

func (c *recordingClient) Do(r *http.Request) (*http.Response, error) {
	c.got = r
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

// TestBufferedBodiesOutliveTheSDKStream: after Do returns, the SDK closes its body stream,
// but the transport may still read the body it was given; that read must not fail, or the
// transport closes the connection under the response being decoded.
func TestBufferedBodiesOutliveTheSDKStream(t *testing.T) {
	const form = "Action=DescribeVpcEndpointServices&MaxResults=7&Version=2016-11-15"
	sdkBody := &closingBody{Reader: strings.NewReader(form)}
	req, err := http.NewRequest(http.MethodPost, "http://ec2.test/", sdkBody)
	if err != nil {
		t.Fatal(err)
	}
	next := &recordingClient{}
	if _, err := (bufferedBodies{next: next}).Do(req); err != nil {
		t.Fatalf("Do: %v", err)
	}
	sdkBody.Close() // what the SDK does once the response headers are in
	sent, err := io.ReadAll(next.got.Body)
	if err != nil || string(sent) != form {
		t.Fatalf("the transport read %q, %v after the SDK closed its stream; want %q", sent, err, form)
	}
	again, err := next.got.GetBody()
	if err != nil {
		t.Fatalf("GetBody: %v", err)
	}
	if replay, _ := io.ReadAll(again); string(replay) != form {
		t.Errorf("GetBody replays %q, want %q", replay, form)
	}
}
