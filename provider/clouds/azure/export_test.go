package azure

// Azure's rules for names, for the external tests to hold every name the
// plan makes to.
var (
	NamePattern = azureNamePattern
	MaxName     = azureMaxName
	NSGSuffix   = azureNSGSuffix
)
