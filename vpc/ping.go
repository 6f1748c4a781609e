package vpc

import "context"

// Ping makes one cheap call to EC2 to tell whether it answers with the credentials in use.
func (s *Service) Ping(ctx context.Context) error {
	_, err := s.AccountID(ctx)
	return err
}
