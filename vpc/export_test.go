package vpc

import "time"

// SetPageSize sets the MaxResults the service sends, so that tests page
// through small accounts.
func SetPageSize(s *Service, n int32) { s.pageSize = n }

// SetCacheClock replaces the clock of the service's read cache; call it before the first call.
func SetCacheClock(s *Service, now func() time.Time) { s.calls.cache.now = now }

// ReadKey is readKey, for checking that JSON identifies EC2 inputs faithfully.
var ReadKey = readKey
