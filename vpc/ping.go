package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// Ping makes one cheap call to EC2 (DescribeAvailabilityZones, which the console's read-only
// permissions include) to tell whether EC2 answers with the credentials in use. It is never
// answered from the cache nor shared with another read, since a readiness check that the
// cache answers would say nothing about EC2.
func (s *Service) Ping(ctx context.Context) error {
	_, err := s.ec2.DescribeAvailabilityZones(withoutReadSharing(ctx), &ec2.DescribeAvailabilityZonesInput{})
	return translate("reach EC2", err)
}
