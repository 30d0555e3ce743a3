// The tests run dpkg-deb, lintian, gpg and apt-get (installed by ./run setup) and set Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
