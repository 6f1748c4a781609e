package fakeec2

import "strconv"

func (a *account) createTags(p params) (result, error) {
	var tags []tag
	checkParams := func() (err error) {
		tags, err = p.tags("Tag")
		if err == nil && len(tags) == 0 {
			return errMissingParameter("Tag")
		}
		return err
	}
	return a.write(p, opening{requiredList: "ResourceId", checkParams: checkParams}, func(opened) (change, error) {
		// Check every resource before tagging any, so a refused call changes nothing.
		lists, err := a.taggables(p.list("ResourceId"), func(list tagList) error { return validateTags(list, tags) })
		if err != nil {
			return nil, err
		}
		return func() result {
			for _, list := range lists {
				*list = list.with(tags)
			}
			return &returnResult{Return: true}
		}, nil
	})
}

func (a *account) deleteTags(p params) (result, error) {
	var tags []tag
	var hasValue []bool
	checkParams := func() (err error) {
		if tags, err = p.tags("Tag"); err != nil {
			return err
		}
		hasValue = make([]bool, len(tags))
		for i, tg := range tags {
			if hasPrefixFold(tg.Key, "aws:") {
				return &apiError{Status: 400, Code: "InvalidTagKey.Malformed", Message: "Tag keys starting with aws: are reserved and cannot be deleted."}
			}
			hasValue[i] = p.has("Tag." + strconv.Itoa(i+1) + ".Value")
		}
		return nil
	}
	return a.write(p, opening{requiredList: "ResourceId", checkParams: checkParams}, func(opened) (change, error) {
		lists, err := a.taggables(p.list("ResourceId"), nil)
		if err != nil {
			return nil, err
		}
		return func() result {
			for _, list := range lists {
				if len(tags) == 0 {
					// DeleteTags without Tag removes every tag but the reserved ones.
					user := userTags(*list)
					*list = list.without(user, make([]bool, len(user)))
					continue
				}
				*list = list.without(tags, hasValue)
			}
			return &returnResult{Return: true}
		}, nil
	})
}

// taggables finds the tag lists of the resources ids name, each checked by check when given.
func (a *account) taggables(ids []string, check func(tagList) error) ([]*tagList, error) {
	lists := make([]*tagList, len(ids))
	for i, id := range ids {
		list, err := a.taggable(id)
		if err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(*list); err != nil {
				return nil, err
			}
		}
		lists[i] = list
	}
	return lists, nil
}

func userTags(list tagList) []tag {
	var out []tag
	for _, tg := range list {
		if !hasPrefixFold(tg.Key, "aws:") {
			out = append(out, tg)
		}
	}
	return out
}
