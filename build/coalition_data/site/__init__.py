"""The package as a static website: `coalition-data site --out DIR`."""

from coalition_data.site.render import SiteResult, render_site

__all__ = ["SiteResult", "render_site"]
