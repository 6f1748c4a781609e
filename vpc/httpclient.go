package vpc

import (
	"bytes"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// bufferedBodies hands the HTTP transport a private in-memory copy of each
// request body. The SDK closes its own body stream as soon as the response
// headers arrive, while net/http may still be reading that body to make sure
// nothing follows the declared length; that read then fails and the transport
// closes the connection under the response being decoded ("use of closed network
// connection", aws/aws-sdk-go-v2#2737). EC2 requests are small forms, so copying
// them costs nothing and keeps the transport's reads off the SDK's stream.
type bufferedBodies struct{ next aws.HTTPClient }

func (c bufferedBodies) Do(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return c.next.Do(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	copied := r.Clone(r.Context())
	copied.Body = io.NopCloser(bytes.NewReader(body))
	copied.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return c.next.Do(copied)
}
