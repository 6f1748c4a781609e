package fakeec2

import (
	"slices"
	"sort"
)

// DescribeRegions: the Regions the account can use. Every served Region answers the same list.
// Without RegionNames or AllRegions it lists the enabled Regions, which for the fake are the
// served ones; AllRegions adds the commercial Regions the fake does not serve, as Regions not
// enabled (not-opted-in) — they are the ones it refuses with AuthFailure. RegionNames may name
// any Region, enabled or not, as the API reference says
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html).

// commercialRegions are AWS's commercial Regions; true marks those that need opting in.
var commercialRegions = map[string]bool{
	"us-east-1": false, "us-east-2": false, "us-west-1": false, "us-west-2": false,
	"ca-central-1": false, "ca-west-1": true, "mx-central-1": true, "sa-east-1": false,
	"eu-central-1": false, "eu-central-2": true, "eu-west-1": false, "eu-west-2": false,
	"eu-west-3": false, "eu-north-1": false, "eu-south-1": true, "eu-south-2": true,
	"ap-northeast-1": false, "ap-northeast-2": false, "ap-northeast-3": false,
	"ap-south-1": false, "ap-south-2": true, "ap-southeast-1": false, "ap-southeast-2": false,
	"ap-southeast-3": true, "ap-southeast-4": true, "ap-southeast-5": true, "ap-southeast-7": true,
	"ap-east-1": true, "ap-east-2": true, "af-south-1": true, "il-central-1": true,
	"me-south-1": true, "me-central-1": true,
}

type xmlRegion struct {
	RegionName  string `xml:"regionName"`
	Endpoint    string `xml:"regionEndpoint"`
	OptInStatus string `xml:"optInStatus"`
}

type describeRegionsResult struct {
	responseMeta
	Regions []xmlRegion `xml:"regionInfo>item"`
}

// regionOptInStatus is what DescribeRegions says of a Region: a served Region is enabled
// (opted-in where AWS makes it opt-in), any other is not.
func (s *Server) regionOptInStatus(name string) string {
	served := s.serves(name)
	switch {
	case served && commercialRegions[name]:
		return "opted-in"
	case served:
		return "opt-in-not-required"
	}
	return "not-opted-in"
}

func (s *Server) describeRegions(p params) (result, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, err
	}
	all, err := p.bool("AllRegions", false)
	if err != nil {
		return nil, err
	}
	names := p.list("RegionName")
	for _, name := range names {
		if _, known := commercialRegions[name]; !known && !s.serves(name) {
			// amazon-s3-tar-tool#7 shows EC2's answer: InvalidParameterValue: Invalid region: [us--east-1].
			return nil, errInvalidParameterValue("Invalid region: [%s]", name)
		}
	}
	if len(names) == 0 {
		names = slices.Clone(s.opts.Regions)
		if all {
			for name := range commercialRegions {
				if !s.serves(name) {
					names = append(names, name)
				}
			}
		}
	}
	sort.Strings(names)
	names = slices.Compact(names)
	res := &describeRegionsResult{}
	for _, name := range names {
		r := xmlRegion{RegionName: name, Endpoint: "ec2." + name + ".amazonaws.com", OptInStatus: s.regionOptInStatus(name)}
		ok, err := matchFilters(fs, nil, func(filter string) ([]string, bool) {
			switch filter {
			case "region-name":
				return []string{r.RegionName}, true
			case "endpoint":
				return []string{r.Endpoint}, true
			case "opt-in-status":
				return []string{r.OptInStatus}, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		if ok {
			res.Regions = append(res.Regions, r)
		}
	}
	return res, nil
}
