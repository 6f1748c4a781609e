package vpc

// SetPageSize sets the MaxResults the service sends, so that tests page
// through small accounts.
func SetPageSize(s *Service, n int32) { s.pageSize = n }
