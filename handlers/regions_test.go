package handlers

import "testing"

func TestPathInRegion(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"/regions/us-west-2/route-tables/rtb-1", "/route-tables/rtb-1"},
		{"/regions/us-west-2/", "/"},
		{"/regions/us-west-2", "/"},
		{"/route-tables", "/route-tables"},
		{"/", "/"},
	} {
		if got := pathInRegion(tt.path); got != tt.want {
			t.Errorf("pathInRegion(%q): got %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestSamePageKind(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"/", "/"},
		{"/vpcs", "/vpcs"},
		{"/subnets?vpc=vpc-1", "/subnets"},
		{"/route-tables/rtb-1", "/route-tables"},
		{"/endpoints/vpce-1/tags", "/endpoints"},
		{"/endpoints/delete?id=vpce-1", "/endpoints"},
		{"/endpoints/new", "/endpoints/new"},
		{"/endpoints/new?vpc=vpc-1&service=s3", "/endpoints/new"},
		{"/audit/vpcs/vpc-1", "/audit"},
		{"/audit/export.json?vpc=vpc-1", "/audit"},
		{"/demo/reset", "/"},
		{"/no-such-page", "/"},
		{"/%2F%2Fevil.example", "/"},
	} {
		if got := samePageKind(tt.path); got != tt.want {
			t.Errorf("samePageKind(%q): got %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for _, tt := range []struct {
		from string
		want bool
	}{
		{"/", true},
		{"/route-tables/rtb-1?x=1", true},
		{"/regions/us-west-2/vpcs", true},
		{"", false},
		{"//evil.example", false},
		{"/\\evil.example", false},
		{"https://evil.example/", false},
		{"javascript:alert(1)", false},
		{"/\n/evil.example", false},
		{"vpcs", false},
	} {
		if got := localPath(tt.from); got != tt.want {
			t.Errorf("localPath(%q): got %v, want %v", tt.from, got, tt.want)
		}
	}
}
