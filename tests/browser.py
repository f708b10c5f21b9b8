"""Helpers of the browser tests."""


def follow_menu(page, name: str) -> None:
    """Click a link of the site's menu; on a phone the menu opens first (it folds)."""
    button = page.get_by_role("button", name="Danh mục")
    if button.is_visible():
        button.click()
    page.locator(".site-nav").get_by_role("link", name=name).first.click()
