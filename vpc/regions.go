package vpc

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// EnabledRegions lists the Regions the account has enabled (DescribeRegions without AllRegions),
// sorted by name.
func (s *Service) EnabledRegions(ctx context.Context) ([]string, error) {
	out, err := s.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		return nil, translate("describe Regions", err)
	}
	names := make([]string, 0, len(out.Regions))
	for _, r := range out.Regions {
		names = append(names, aws.ToString(r.RegionName))
	}
	slices.Sort(names)
	return names, nil
}

// RegionServices holds a Service for each Region of one account: the default Region's, made at
// start, and the others', made by connect the first time they are asked for and kept.
type RegionServices struct {
	def     *Service
	connect func(region string) (*Service, error)

	mu       sync.Mutex
	enabled  []string
	services map[string]*Service
}

// NewRegionServices returns the Services of def's account, with def as the default Region's.
// connect makes the Service of another Region, with the same configuration and Options as def.
// Until LoadEnabled has read them, the only Region enabled is def's.
func NewRegionServices(def *Service, connect func(region string) (*Service, error)) *RegionServices {
	return &RegionServices{def: def, connect: connect, enabled: []string{def.Region()},
		services: map[string]*Service{def.Region(): def}}
}

// LoadEnabled reads the Regions the account has enabled, once: the list changes when someone
// opts the account into a Region, which is rare enough to need a restart of the console. On an
// error (an IAM policy without ec2:DescribeRegions) the default Region stays the only one.
func (rs *RegionServices) LoadEnabled(ctx context.Context) error {
	names, err := rs.def.EnabledRegions(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(names, rs.def.Region()) {
		names = append(names, rs.def.Region())
		slices.Sort(names)
	}
	rs.mu.Lock()
	rs.enabled = names
	rs.mu.Unlock()
	return nil
}

// Default is the default Region's Service.
func (rs *RegionServices) Default() *Service { return rs.def }

// Enabled is the Regions the account has enabled, sorted by name.
func (rs *RegionServices) Enabled() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return slices.Clone(rs.enabled)
}

// In is the Service of region, made on first use; a NotFound error when the account has not
// enabled region (or it is no Region name at all).
func (rs *RegionServices) In(region string) (*Service, error) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if !slices.Contains(rs.enabled, region) {
		return nil, errorf(NotFound, "", "The account has not enabled the Region %q. Its Regions are %s.", region, strings.Join(rs.enabled, ", "))
	}
	if s, ok := rs.services[region]; ok {
		return s, nil
	}
	s, err := rs.connect(region)
	if err != nil {
		return nil, err
	}
	rs.services[region] = s
	return s, nil
}

// ForgetReads drops the kept reads of every Region's Service.
func (rs *RegionServices) ForgetReads() {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for _, s := range rs.services {
		s.ForgetReads()
	}
}
