package vpc

import (
	"cmp"
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// AvailabilityZone is one zone of the Region: Name is account-specific
// (us-east-1a), ZoneID is the same for every account (use1-az1).
type AvailabilityZone struct {
	Name   string
	ZoneID string
	State  string
}

// AvailabilityZones lists the Region's zones, sorted by name.
// DescribeAvailabilityZones is not paginated: one call returns them all.
func (s *Service) AvailabilityZones(ctx context.Context) ([]AvailabilityZone, error) {
	out, err := s.ec2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		return nil, translate("describe Availability Zones", err)
	}
	zones := make([]AvailabilityZone, 0, len(out.AvailabilityZones))
	for _, z := range out.AvailabilityZones {
		zones = append(zones, AvailabilityZone{
			Name:   aws.ToString(z.ZoneName),
			ZoneID: aws.ToString(z.ZoneId),
			State:  string(z.State),
		})
	}
	slices.SortFunc(zones, func(a, b AvailabilityZone) int { return cmp.Compare(a.Name, b.Name) })
	return zones, nil
}
