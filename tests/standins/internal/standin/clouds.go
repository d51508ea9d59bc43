package standin

// Clouds are the stand-ins, by package: one line per cloud, whose table is in <its name>.go.
var Clouds = register(
	awsCloud,
	azureCloud,
	gcpCloud,
)
